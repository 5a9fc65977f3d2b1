import { useId, type FormEvent, type KeyboardEvent, type Ref } from 'react';
import { messageMaxLength } from '../api';
import { ErrorAlert, TextAreaField } from '../components/form';
import { useLanguage } from '../language.context';
import { excerpt, isTooLong, messageLength } from './chat.format';

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
  textareaRef?: Ref<HTMLTextAreaElement>;
}

/** Writes a message: Enter sends it, Shift+Enter starts a new line. */
export function Composer({ channelName, draft, onDraftChange, replyTo, onCancelReply, onSend, onTyping, textareaRef }: ComposerProps) {
  const { t, locale } = useLanguage();
  const errorId = useId();
  const tooLong = isTooLong(draft);
  const number = new Intl.NumberFormat(locale);
  const max = number.format(messageMaxLength);

  const send = () => {
    if (tooLong || draft.trim() === '') return;
    onSend(draft);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
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
        ref={textareaRef}
        label={t('chat.composer', { channel: channelName })}
        hint={t('chat.composerHint', { max })}
        value={draft}
        rows={2}
        invalid={tooLong}
        errorId={errorId}
        onChange={(event) => {
          onDraftChange(event.target.value);
          if (event.target.value.trim() !== '') onTyping();
        }}
        onKeyDown={keyDown}
      />
      <ErrorAlert id={errorId} message={tooLong ? t('chat.tooLong', { max }) : null} />
      <div className="chat-composer-row">
        <p className={tooLong ? 'chat-count over' : 'chat-count'}>
          {t('chat.count', { count: number.format(messageLength(draft)), max })}
        </p>
        <button type="submit" className="primary">
          {t('chat.send')}
        </button>
      </div>
    </form>
  );
}
