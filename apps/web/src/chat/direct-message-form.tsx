import { useId, useState, type FormEvent } from 'react';
import type { SummitPerson } from '../api';
import { ErrorAlert, SelectField } from '../components/form';
import { errorMessage, Notice } from '../i18n';
import { useLanguage } from '../language.context';

interface DirectMessageFormProps {
  /** Everyone taking part in the summit, delegates without a role of their own in it included. */
  people: Pick<SummitPerson, 'userId' | 'displayName'>[];
  selfId: string;
  /** Opens the conversation with a person; rejects when the server refuses. */
  onOpen(userId: string): Promise<void>;
}

/** Starts, or goes back to, a direct conversation with another person taking part in the summit. */
export function DirectMessageForm({ people: everyone, selfId, onOpen }: DirectMessageFormProps) {
  const { t, locale } = useLanguage();
  const errorId = useId();
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [opening, setOpening] = useState(false);

  const people = [...new Map(everyone.filter((person) => person.userId !== selfId).map((person) => [person.userId, person])).values()].sort((a, b) =>
    a.displayName.localeCompare(b.displayName, locale),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!userId) {
      setError(new Notice('validation.person'));
      return;
    }
    setError(null);
    setOpening(true);
    try {
      await onOpen(userId);
      setUserId('');
    } catch (failure) {
      setError(failure);
    } finally {
      setOpening(false);
    }
  };

  return (
    <details className="chat-direct">
      <summary>{t('chat.newDirect')}</summary>
      {people.length === 0 ? (
        <p className="muted">{t('chat.directNobody')}</p>
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <SelectField
            label={t('chat.directPerson')}
            value={userId}
            invalid={error instanceof Notice}
            errorId={errorId}
            onChange={(event) => setUserId(event.target.value)}
          >
            <option value="">{t('form.choose')}</option>
            {people.map((person) => (
              <option key={person.userId} value={person.userId}>
                {person.displayName}
              </option>
            ))}
          </SelectField>
          <ErrorAlert id={errorId} message={error ? errorMessage(t, error) : null} />
          <button type="submit" disabled={opening}>
            {t('chat.directOpen')}
          </button>
        </form>
      )}
    </details>
  );
}
