import { useRef, useState } from 'react';
import { updateMe, type User } from '../../api';
import { useAuth } from '../../auth.context';
import { FormCard, SelectField, TextField, TimeZoneField, useFormSubmit } from '../../components/form';
import { isTimeZone } from '../../format';
import { isLocale, localeNames, locales, type Locale, type MessageKey } from '../../i18n';
import { useLanguage } from '../../language.context';

export function ProfileForm({ user }: { user: User }) {
  const { t, chooseLocale } = useLanguage();
  const { setUser } = useAuth();
  const form = useFormSubmit({ displayName: useRef<HTMLInputElement>(null), timeZone: useRef<HTMLInputElement>(null) });
  const [displayName, setDisplayName] = useState(user.displayName);
  const [locale, setLocale] = useState<Locale>(user.locale);
  // The language chosen in the banner is saved to the profile too: the form follows it rather than saving the old one back.
  const [profileLocale, setProfileLocale] = useState<Locale>(user.locale);
  if (user.locale !== profileLocale) {
    setProfileLocale(user.locale);
    setLocale(user.locale);
  }
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [status, setStatus] = useState<MessageKey | null>(null);

  const submit = async () => {
    setStatus(null);
    if (!displayName.trim()) return form.reject('displayName', 'validation.displayName');
    if (!isTimeZone(timeZone.trim())) return form.reject('timeZone', 'validation.timeZone');

    await form.send(async () => {
      const updated = await updateMe({ displayName: displayName.trim(), locale, timeZone: timeZone.trim() });
      setUser(updated);
      setDisplayName(updated.displayName);
      setLocale(updated.locale);
      setTimeZone(updated.timeZone);
      if (updated.locale !== user.locale) chooseLocale(updated.locale);
      setStatus('profile.saved');
    });
  };

  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t('profile.title')}</h2>
      <FormCard form={form} onSubmit={submit} submitLabel={t('profile.submit')} status={status && t(status)}>
        <TextField
          label={t('profile.displayName')}
          name="displayName"
          autoComplete="name"
          required
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          {...form.field('displayName')}
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
        <TimeZoneField
          label={t('profile.timeZone')}
          hint={t('profile.timeZoneHint')}
          name="timeZone"
          required
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
          {...form.field('timeZone')}
        />
      </FormCard>
    </section>
  );
}
