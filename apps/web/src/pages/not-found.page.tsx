import { Page } from '../components/page';
import { useLanguage } from '../language.context';
import { Link } from '../components/app-link';

export function NotFoundPage() {
  const { t } = useLanguage();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
