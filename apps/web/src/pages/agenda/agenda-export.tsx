import { useState } from 'react';
import { getAgendaPdf, type AgendaZone } from '../../api';
import { ErrorAlert } from '../../components/form';
import { errorMessage } from '../../i18n';
import { useLanguage } from '../../language.context';

/** A file name from a summit's title: its letters and digits, words joined by hyphens. */
function fileName(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .match(/[\p{L}\p{N}]+/gu);
  return `${(words ?? ['agenda']).join('-').toLowerCase()}-agenda.pdf`;
}

/** The agenda on paper: the server's PDF in the zone shown and the reader's language, or the page printed as it is. */
export function AgendaExport({ summitId, zone, summitTitle }: { summitId: string; zone: AgendaZone; summitTitle: string }) {
  const { t, locale } = useLanguage();
  const [preparing, setPreparing] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const download = async () => {
    setError(null);
    setPreparing(true);
    try {
      const pdf = await getAgendaPdf(summitId, zone, locale);
      const url = URL.createObjectURL(pdf);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName(summitTitle);
      link.click();
      // The browser has taken the file by then.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (failure) {
      setError(failure);
    } finally {
      setPreparing(false);
    }
  };

  return (
    <div className="agenda-export">
      <div className="button-row" role="group" aria-label={t('agenda.onPaper')}>
        <button type="button" disabled={preparing} onClick={() => void download()}>
          {preparing ? t('agenda.pdfPreparing') : t('agenda.downloadPdf')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('agenda.print')}
        </button>
      </div>
      <ErrorAlert message={error ? errorMessage(t, error) : null} />
    </div>
  );
}
