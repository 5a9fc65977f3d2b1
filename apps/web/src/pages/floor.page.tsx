import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import type { User } from '../api';
import { ErrorAlert } from '../components/form';
import { Page } from '../components/page';
import { errorMessage, labelOf } from '../i18n';
import { useLanguage } from '../language.context';
import { sessionQuery } from '../queries';
import { getRouteApi } from '@tanstack/react-router';
import { Link } from '../components/app-link';
import { useSignedInUser } from '../auth.context';
import { floorClock } from './session/speakers-clock';
import { SpeakingClock } from './session/speakers-list-panel';
import { useNow, useSpeakersList } from './session/use-speakers-list';

/** How many of those waiting the floor view shows. */
const nextShown = 3;

/**
 * The floor for a projector or a shared screen: who speaks, for which
 * delegation, the clock in large figures, and who comes next. Live like the
 * session page's list.
 */
export function FloorPage({ sessionId }: { sessionId: string; user: User }) {
  const { t } = useLanguage();
  const session = useQuery(sessionQuery(sessionId));
  const { speakers } = useSpeakersList(sessionId, session.data?.summitId ?? null);
  const now = useNow(500);
  const screen = useRef<HTMLElement>(null);
  const received = speakers.data;
  const current = received?.list.current ?? null;
  const clock = received ? floorClock(received, now) : null;
  const upcoming = received?.list.queue.slice(0, nextShown) ?? [];
  const error = session.error ?? (received ? null : speakers.error);

  return (
    <Page title={t('floor.heading', { session: session.data?.title ?? '…' })}>
      <div className="floor-view-links">
        <Link to="/sessions/$sessionId" params={{ sessionId }}>{t('floor.backToSession')}</Link>
        {document.fullscreenEnabled && (
          <button type="button" onClick={() => void screen.current?.requestFullscreen().catch(() => undefined)}>
            {t('floor.fullScreen')}
          </button>
        )}
      </div>
      <ErrorAlert message={error ? errorMessage(t, error) : null} />
      {!received && !error && <p>{t('app.loading')}</p>}
      {received && (
        <section ref={screen} className="floor-view" aria-label={t('speakers.floor')}>
          {current && clock ? (
            <div className="floor-view-current" aria-live="polite">
              <p className="floor-view-delegation">{current.organisationName}</p>
              {current.speakerName && <p className="floor-view-speaker">{current.speakerName}</p>}
              <p className="floor-view-badges">
                {current.kind === 'point_of_order' && <span className="badge warning">{labelOf(t, 'speakerKind', current.kind)}</span>}
                {current.status === 'paused' && <span className="badge neutral">{t('floor.paused')}</span>}
              </p>
              <SpeakingClock clock={clock} large />
            </div>
          ) : (
            <p className="floor-view-delegation">{t('floor.nobody')}</p>
          )}
          <h2 id="floor-next-title">{t('floor.next')}</h2>
          {upcoming.length === 0 ? (
            <p>{t('speakers.emptyQueue')}</p>
          ) : (
            <ol className="floor-view-next" aria-labelledby="floor-next-title">
              {upcoming.map((entry) => (
                <li key={entry.id}>
                  <span className="organisation">{entry.organisationName}</span>
                  {entry.speakerName && <span className="muted"> · {entry.speakerName}</span>}{' '}
                  {entry.kind === 'point_of_order' && <span className="badge warning">{labelOf(t, 'speakerKind', entry.kind)}</span>}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </Page>
  );
}

const route = getRouteApi('/signed-in/sessions/$sessionId/floor');

/** The route's screen: a fresh page for each session. */
export function FloorScreen() {
  const { sessionId } = route.useParams();
  const user = useSignedInUser();
  return <FloorPage key={sessionId} sessionId={sessionId} user={user} />;
}
