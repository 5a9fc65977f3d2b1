import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { updateMe, type User } from '../../api';
import { useAuth } from '../../auth.context';
import { ErrorAlert, SelectField, StatusMessage, TextField } from '../../components/form';
import { isTimeZone, timeZones } from '../../format';
import { errorMessage, isLocale, localeNames, locales, Notice, type Locale, type MessageKey } from '../../i18n';
import { useLanguage } from '../../language.context';

type ProfileField = 'displayName' | 'timeZone';

export function ProfileForm({ user }: { user: User }) {
  const { t, chooseLocale } = useLanguage();
  const { setUser } = useAuth();
  const errorId = useId();
  const timeZoneListId = useId();
  const zones = useMemo(timeZones, []);
  const inputs = { displayName: useRef<HTMLInputElement>(null), timeZone: useRef<HTMLInputElement>(null) };
  const [displayName, setDisplayName] = useState(user.displayName);
  const [locale, setLocale] = useState<Locale>(user.locale);
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [error, setError] = useState<{ problem: unknown; field?: ProfileField } | null>(null);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const reject = (field: ProfileField, message: MessageKey) => {
    setError({ problem: new Notice(message), field });
    inputs[field].current?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus(null);
    if (!displayName.trim()) return reject('displayName', 'validation.displayName');
    if (!isTimeZone(timeZone.trim())) return reject('timeZone', 'validation.timeZone');

    setError(null);
    setSubmitting(true);
    try {
      const updated = await updateMe({ displayName: displayName.trim(), locale, timeZone: timeZone.trim() });
      setUser(updated);
      setDisplayName(updated.displayName);
      setLocale(updated.locale);
      setTimeZone(updated.timeZone);
      if (updated.locale !== user.locale) chooseLocale(updated.locale);
      setStatus('profile.saved');
    } catch (failure) {
      setError({ problem: failure });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t('profile.title')}</h2>
      <form className="card" onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
        <ErrorAlert id={errorId} message={error && errorMessage(t, error.problem)} />
        <TextField
          ref={inputs.displayName}
          label={t('profile.displayName')}
          name="displayName"
          autoComplete="name"
          required
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          invalid={error?.field === 'displayName'}
          errorId={errorId}
        />
        <SelectField
          label={t('profile.locale')}
          name="locale"
          value={locale}
          onChange={(event) => isLocale(event.target.value) && setLocale(event.target.value)}
        >
          {locales.map((option) => (
            <option key={option} value={option} lang={option}>
              {localeNames[option]}
            </option>
          ))}
        </SelectField>
        <TextField
          ref={inputs.timeZone}
          label={t('profile.timeZone')}
          hint={t('profile.timeZoneHint')}
          name="timeZone"
          list={timeZoneListId}
          autoComplete="off"
          spellCheck={false}
          required
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
          invalid={error?.field === 'timeZone'}
          errorId={errorId}
        />
        <datalist id={timeZoneListId}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <div className="actions">
          <button type="submit" className="primary" disabled={submitting}>
            {t('profile.submit')}
          </button>
        </div>
        <StatusMessage message={status && t(status)} />
      </form>
    </section>
  );
}
