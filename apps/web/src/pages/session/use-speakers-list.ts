import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { getSpeakersList, type SpeakersList } from '../../api';
import { useLiveSummit } from '../../live';
import { queryKeys } from '../../queries';
import type { ReceivedSpeakersList } from './speakers-clock';

/**
 * A session's speakers list, kept current by `/live`: every change arrives
 * whole in `speakers.changed` and replaces the list; after a reconnection the
 * list is read again, since changes made meanwhile were not heard. A list
 * that arrives while a read is under way cancels the read, whose answer
 * may predate it and would otherwise put the older list back.
 */
export function useSpeakersList(sessionId: string, summitId: string | null) {
  const queryClient = useQueryClient();
  const key = queryKeys.speakersList(sessionId);
  const speakers = useQuery<ReceivedSpeakersList>({
    queryKey: key,
    queryFn: () => getSpeakersList(sessionId).then((list) => ({ list, at: Date.now() })),
  });
  const replace = (list: SpeakersList) => {
    void queryClient.cancelQueries({ queryKey: key, exact: true });
    queryClient.setQueryData<ReceivedSpeakersList>(key, { list, at: Date.now() });
  };
  useLiveSummit(summitId, {
    onSpeakersChanged: (event) => {
      if (event.sessionId === sessionId) replace(event.speakers);
    },
    onSubscribed: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  return { speakers, replace };
}

/** The time now, renewed every `intervalMs`. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
