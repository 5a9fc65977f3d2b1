import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type Ref } from 'react';
import { messageMaxLength } from '../api';
import { ErrorAlert, TextAreaField } from '../components/form';
import { useLanguage } from '../language.context';
import { excerpt, isTooLong, messageLength } from './chat.format';

/** Someone, or a delegation, that a message can mention by writing `@` and their name. */
export interface MentionCandidate {
  kind: 'person' | 'delegation';
  id: string;
  label: string;
}

/** The most suggestions shown at once. */
const maxSuggestions = 8;

/** Letters without their accents, lower case: “@fran” finds “François”. */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * The `@name` being written just before the caret, if any: an `@` at the start
 * or after a space (not inside an email address), then a letter, then at most a
 * few words.
 */
function mentionQuery(draft: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@(\p{L}[\p{L}\p{M}'’.\- ]{0,40})$/u.exec(draft.slice(0, caret));
  if (!match) return null;
  return { start: match.index + match[1].length, query: match[2] };
}

/** Candidates whose name, or one of its words, starts with what was written. */
function suggestionsFor(candidates: MentionCandidate[], query: string): MentionCandidate[] {
  const wanted = folded(query);
  return candidates
    .filter((candidate) => {
      const name = folded(candidate.label);
      return name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
    })
    .slice(0, maxSuggestions);
}

interface ComposerProps {
  channelName: string;
  draft: string;
  onDraftChange(draft: string): void;
  /** The message being answered, if any. */
  replyTo: { author: string; body: string } | null;
  onCancelReply(): void;
  onSend(body: string): void;
  /** Called as the reader types; the caller limits how often others hear of it. */
  onTyping(): void;
  /** Who can be mentioned with `@`. */
  mentionCandidates: MentionCandidate[];
  /** A person or delegation was chosen from the suggestions; the draft already holds `@` and their name. */
  onMention(candidate: MentionCandidate): void;
  textareaRef?: Ref<HTMLTextAreaElement>;
  /** Why the reader cannot post, such as a mute in force: the composer is disabled and says so. */
  blockedNotice?: string | null;
}

/**
 * Writes a message: Enter sends it, Shift+Enter starts a new line. Writing `@`
 * and the start of a name offers the people and delegations to mention, as a
 * list the arrow keys move through and Enter or Tab chooses from.
 */
export function Composer(props: ComposerProps) {
  const { channelName, draft, onDraftChange, replyTo, onCancelReply, onSend, onTyping, mentionCandidates, onMention, textareaRef, blockedNotice = null } = props;
  const blocked = blockedNotice !== null;
  const { t, locale } = useLanguage();
  const errorId = useId();
  const listId = useId();
  const field = useRef<HTMLTextAreaElement | null>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  /** Where the reader closed the suggestions with Escape: they stay closed for that `@`. */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const mention = mentionQuery(draft, caret);
  const suggestions = mention && mention.start !== dismissedAt ? suggestionsFor(mentionCandidates, mention.query) : [];
  const open = suggestions.length > 0 && !blocked;
  const current = Math.min(active, suggestions.length - 1);

  const setField = (element: HTMLTextAreaElement | null) => {
    field.current = element;
    if (typeof textareaRef === 'function') textareaRef(element);
    else if (textareaRef) textareaRef.current = element;
  };

  const choose = (candidate: MentionCandidate) => {
    if (!mention) return;
    const inserted = `@${candidate.label} `;
    const next = draft.slice(0, mention.start) + inserted + draft.slice(caret);
    const at = mention.start + inserted.length;
    onDraftChange(next);
    onMention(candidate);
    setCaret(at);
    setActive(0);
    // The value changes with the next render; the caret goes after the name once it has.
    window.requestAnimationFrame(() => {
      field.current?.focus();
      field.current?.setSelectionRange(at, at);
    });
  };
  const tooLong = isTooLong(draft);
  const number = new Intl.NumberFormat(locale);
  const max = number.format(messageMaxLength);

  const send = () => {
    if (blocked || tooLong || draft.trim() === '') return;
    onSend(draft);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && !event.nativeEvent.isComposing) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current + step + suggestions.length) % suggestions.length);
        return;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        event.preventDefault();
        choose(suggestions[current]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissedAt(mention?.start ?? null);
        return;
      }
    }
    // While an input method is composing a character, Enter belongs to it.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && replyTo) {
      event.preventDefault();
      onCancelReply();
    }
  };

  return (
    <form className="chat-composer" noValidate onSubmit={submit}>
      {/* Kept in the page so that a mute arriving live is announced; the draft stays for when it is lifted. */}
      <p className={blocked ? 'chat-blocked' : 'chat-blocked empty'} role="status">
        {blockedNotice}
      </p>
      {replyTo && (
        <div className="chat-replying">
          <p>
            {t('chat.replyingTo', { person: replyTo.author })} <q>{excerpt(replyTo.body)}</q>
          </p>
          <button type="button" className="link" onClick={onCancelReply}>
            {t('chat.cancelReply')}
          </button>
        </div>
      )}
      <TextAreaField
        ref={setField}
        label={t('chat.composer', { channel: channelName })}
        hint={t('chat.composerHint', { max })}
        value={draft}
        rows={2}
        disabled={blocked}
        invalid={tooLong}
        errorId={errorId}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${current}` : undefined}
        onChange={(event) => {
          onDraftChange(event.target.value);
          setCaret(event.target.selectionStart);
          setActive(0);
          if (event.target.value.trim() !== '') onTyping();
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={keyDown}
      />
      {open && (
        <ul className="chat-mentions" role="listbox" id={listId} aria-label={t('chat.mentionSuggestions')}>
          {suggestions.map((candidate, index) => (
            <li
              key={`${candidate.kind}:${candidate.id}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === current}
              // The keyboard stays in the message while a suggestion is clicked.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(candidate)}
            >
              {candidate.kind === 'delegation' ? t('chat.mentionDelegation', { organisation: candidate.label }) : candidate.label}
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status">
        {open ? t('chat.mentionCount', { count: suggestions.length }) : null}
      </p>
      <ErrorAlert id={errorId} message={tooLong ? t('chat.tooLong', { max }) : null} />
      <div className="chat-composer-row">
        <p className={tooLong ? 'chat-count over' : 'chat-count'}>
          {t('chat.count', { count: number.format(messageLength(draft)), max })}
        </p>
        <button type="submit" className="primary" disabled={blocked}>
          {t('chat.send')}
        </button>
      </div>
    </form>
  );
}
