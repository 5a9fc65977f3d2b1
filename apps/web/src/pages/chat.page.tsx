import { useQuery } from '@tanstack/react-query';
import type { User } from '../api';
import { ChatPanel } from '../chat/chat-panel';
import { ErrorAlert } from '../components/form';
import { Page } from '../components/page';
import { errorMessage } from '../i18n';
import { useLanguage } from '../language.context';
import { summitQuery } from '../queries';
import { getRouteApi } from '@tanstack/react-router';
import { Link } from '../components/app-link';
import { useSignedInUser } from '../auth.context';

/** A summit's chat on a page of its own. */
export function ChatPage({ summitId, user }: { summitId: string; user: User }) {
  const { t } = useLanguage();
  const summit = useQuery(summitQuery(summitId));
  return (
    <Page title={summit.data ? t('chat.title', { summit: summit.data.title }) : t('chat.heading')}>
      <p>
        <Link to="/summits/$summitId" params={{ summitId }}>{t('agenda.backToSummit')}</Link>
      </p>
      <ErrorAlert message={summit.error ? errorMessage(t, summit.error) : null} />
      {!summit.data && !summit.error && <p>{t('app.loading')}</p>}
      {summit.data && <ChatPanel summitId={summitId} user={user} canModerate={summit.data.canEdit ?? false} />}
    </Page>
  );
}

const route = getRouteApi('/signed-in/summits/$summitId/chat');

/** The route's screen: a fresh page for each summit. */
export function ChatScreen() {
  const { summitId } = route.useParams();
  const user = useSignedInUser();
  return <ChatPage key={summitId} summitId={summitId} user={user} />;
}
