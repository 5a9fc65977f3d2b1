import { useId, useRef, useState, type FormEvent } from 'react';
import { inviteIntoSummit, type InvitationListOutcome, type InvitationListResult, type InvitationSummitRole, type Locale, type Participant } from '../../api';
import { ComboBoxField } from '../../components/combo-box';
import { DialogFormActions } from '../../components/dialog';
import { ErrorAlert, SelectField, TextAreaField } from '../../components/form';
import { localName } from '../../format';
import { errorMessage, labelOf, localeNames, locales, Notice, type MessageKey } from '../../i18n';
import { useLanguage } from '../../language.context';

const invitedRoles: InvitationSummitRole[] = ['delegate', 'head_of_delegation', 'observer'];

type InviteField = 'organisationId' | 'addresses';

interface InviteFormProps {
  summitId: string;
  /** The delegations the people may join. */
  participants: Participant[];
  onInvited(): Promise<void>;
  onClose(): void;
}

/** The invitation dialog's content: a delegation, a role, the mails' language and a pasted list, then what became of each address. */
export default function InviteForm({ summitId, participants, onInvited, onClose }: InviteFormProps) {
  const { t, locale } = useLanguage();
  const errorId = useId();
  const delegationInput = useRef<HTMLInputElement>(null);
  const addressesInput = useRef<HTMLTextAreaElement>(null);
  const [organisationId, setOrganisationId] = useState('');
  const [summitRole, setSummitRole] = useState<InvitationSummitRole>('delegate');
  const [mailLocale, setMailLocale] = useState<Locale>(locale);
  const [addresses, setAddresses] = useState('');
  const [error, setError] = useState<{ problem: unknown; field?: InviteField } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<InvitationListResult | null>(null);
  const options = participants
    .map((p) => ({ id: p.organisationId, label: localName(p, locale), detail: labelOf(t, 'participationStatus', p.status) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));

  const reject = (field: InviteField, message: MessageKey) => {
    setError({ problem: new Notice(message), field });
    (field === 'organisationId' ? delegationInput : addressesInput).current?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!organisationId) return reject('organisationId', 'invitations.chooseDelegation');
    if (!addresses.trim()) return reject('addresses', 'invitations.typeAddresses');
    setError(null);
    setSubmitting(true);
    try {
      const outcome = await inviteIntoSummit(summitId, { organisationId, summitRole, locale: mailLocale, csv: addresses });
      setResult(outcome);
      await onInvited();
    } catch (failure) {
      setError({ problem: failure });
    } finally {
      setSubmitting(false);
    }
  };

  const startAgain = () => {
    setResult(null);
    setAddresses('');
  };

  if (result) return <InviteOutcome result={result} onMore={startAgain} onClose={onClose} />;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-describedby={error ? errorId : undefined}>
      <ErrorAlert id={errorId} message={error && errorMessage(t, error.problem)} />
      <ComboBoxField
        label={t('invitations.delegation')}
        hint={t('invitations.delegationHint')}
        options={options}
        value={organisationId}
        onChange={setOrganisationId}
        emptyText={t('invitations.noDelegation')}
        invalid={error?.field === 'organisationId'}
        errorId={errorId}
        isRequired
        ref={delegationInput}
      />
      <SelectField label={t('invitations.role')} value={summitRole} onChange={(event) => setSummitRole(event.target.value as InvitationSummitRole)}>
        {invitedRoles.map((role) => (
          <option key={role} value={role}>
            {labelOf(t, 'summitRole', role)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('invitations.mailLanguage')}
        hint={t('invitations.mailLanguageHint')}
        value={mailLocale}
        onChange={(event) => setMailLocale(event.target.value as Locale)}
      >
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {localeNames[code]}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('invitations.addresses')}
        hint={t('invitations.addressesHint')}
        rows={6}
        required
        spellCheck={false}
        value={addresses}
        onChange={(event) => setAddresses(event.target.value)}
        invalid={error?.field === 'addresses'}
        errorId={errorId}
        ref={addressesInput}
      />
      <DialogFormActions submitLabel={t('invitations.send')} submitting={submitting} closeLabel={t('dialog.cancel')} onClose={onClose} />
    </form>
  );
}

const outcomeOrder: InvitationListOutcome[] = ['invited', 'already_member', 'already_invited', 'duplicate', 'invalid_address', 'not_allowed'];

/** What became of a list: the counts, then each address that was not invited and why. */
function InviteOutcome({ result, onMore, onClose }: { result: InvitationListResult; onMore(): void; onClose(): void }) {
  const { t } = useLanguage();
  const count = (outcome: InvitationListOutcome) => result.lines.filter((line) => line.outcome === outcome).length;
  const skipped = result.lines.filter((line) => line.outcome !== 'invited');
  return (
    <div>
      <p role="status">{t('invitations.outcome.invited', { count: count('invited') })}</p>
      {skipped.length > 0 && (
        <>
          <ul className="plain">
            {outcomeOrder
              .filter((outcome) => outcome !== 'invited' && count(outcome) > 0)
              .map((outcome) => (
                <li key={outcome}>{t(`invitations.outcome.${outcome}`, { count: count(outcome) })}</li>
              ))}
          </ul>
          <h3>{t('invitations.skippedTitle')}</h3>
          <ul className="rows">
            {skipped.map((line) => (
              <li key={line.line} className="row">
                <div className="row-main">
                  <span className="organisation">{line.email ?? line.input}</span>{' '}
                  <span className="muted">{t('invitations.line', { line: line.line })}</span>
                  <div>{t(`invitations.reason.${line.outcome}`)}</div>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('dialog.close')}
        </button>
        <button type="button" onClick={onMore}>
          {t('invitations.inviteMore')}
        </button>
      </div>
    </div>
  );
}
