import { useId, useState, type FormEvent } from 'react';
import type { AgendaZone } from '../../api';
import { ChoiceGroup, ErrorAlert, TimeZoneField } from '../../components/form';
import { isTimeZone } from '../../format';
import { Notice, errorMessage } from '../../i18n';
import { useLanguage } from '../../language.context';

type ZoneMode = 'summit' | 'viewer' | 'other';

interface ZoneSwitchProps {
  zone: AgendaZone;
  summitTimeZone: string;
  viewerTimeZone: string;
  onChange(zone: AgendaZone): void;
}

/** Chooses the zone the agenda's times are shown in: the summit's, one's own, or any other. */
export function ZoneSwitch({ zone, summitTimeZone, viewerTimeZone, onChange }: ZoneSwitchProps) {
  const { t } = useLanguage();
  const errorId = useId();
  const [mode, setMode] = useState<ZoneMode>(zone === 'summit' ? 'summit' : zone === 'viewer' ? 'viewer' : 'other');
  const [otherZone, setOtherZone] = useState(zone === 'summit' || zone === 'viewer' ? '' : zone);
  const [error, setError] = useState<Notice | null>(null);

  const choose = (next: ZoneMode) => {
    setMode(next);
    setError(null);
    if (next !== 'other') onChange(next);
  };

  const showOther = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isTimeZone(otherZone.trim())) {
      setError(new Notice('validation.timeZone'));
      return;
    }
    setError(null);
    onChange(otherZone.trim());
  };

  return (
    <div className="zone-switch">
      <ChoiceGroup<ZoneMode>
        legend={t('zone.legend')}
        name="zone"
        value={mode}
        onChange={choose}
        options={[
          { value: 'summit', label: t('zone.summit', { zone: summitTimeZone }) },
          { value: 'viewer', label: t('zone.viewer', { zone: viewerTimeZone }) },
          { value: 'other', label: t('zone.other') },
        ]}
      />
      {mode === 'other' && (
        <form className="inline-form" onSubmit={showOther} noValidate aria-describedby={error ? errorId : undefined}>
          <ErrorAlert id={errorId} message={error && errorMessage(t, error)} />
          <TimeZoneField
            label={t('zone.otherField')}
            name="otherZone"
            value={otherZone}
            onChange={(event) => setOtherZone(event.target.value)}
            invalid={error !== null}
            errorId={errorId}
          />
          <button type="submit">{t('zone.show')}</button>
        </form>
      )}
    </div>
  );
}
