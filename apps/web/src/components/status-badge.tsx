import type { ParticipationStatus, SessionStatus, SummitStatus } from '../api';
import { labelOf } from '../i18n';
import { useLanguage } from '../language.context';

type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

const summitTones: Record<SummitStatus, Tone> = {
  draft: 'neutral',
  announced: 'accent',
  live: 'success',
  concluded: 'neutral',
  cancelled: 'danger',
};

const participationTones: Record<ParticipationStatus, Tone> = {
  invited: 'neutral',
  confirmed: 'success',
  declined: 'danger',
  withdrawn: 'danger',
  observer: 'accent',
};

const sessionTones: Record<SessionStatus, Tone> = {
  scheduled: 'success',
  postponed: 'warning',
  cancelled: 'danger',
};

function Badge({ tone, children }: { tone: Tone | undefined; children: string }) {
  return <span className={`badge ${tone ?? 'neutral'}`}>{children}</span>;
}

export function SummitStatusBadge({ status }: { status: SummitStatus }) {
  const { t } = useLanguage();
  return <Badge tone={summitTones[status]}>{labelOf(t, 'summitStatus', status)}</Badge>;
}

export function ParticipationBadge({ status }: { status: ParticipationStatus }) {
  const { t } = useLanguage();
  return <Badge tone={participationTones[status]}>{labelOf(t, 'participationStatus', status)}</Badge>;
}

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const { t } = useLanguage();
  return <Badge tone={sessionTones[status]}>{labelOf(t, 'sessionStatus', status)}</Badge>;
}
