import { useEffect, useMemo, useState } from 'react';

type Format = (body: string) => string;

/**
 * The formatter (markdown-it, see message-format.ts) is a chunk of its own,
 * fetched when the first message is shown: messages show as plain text for
 * the moment it takes, and the pages the chat panel sits beside do not wait
 * for it.
 */
let format: Format | null = null;
let formatter: Promise<Format> | null = null;
const loadFormatter = (): Promise<Format> => (formatter ??= import('./message-format').then((module) => (format = module.messageHtml)));

/** A chat message's text, formatted. */
export function MessageBody({ body }: { body: string }) {
  const [ready, setReady] = useState(format !== null);
  useEffect(() => {
    if (ready) return;
    let active = true;
    void loadFormatter().then(() => active && setReady(true));
    return () => {
      active = false;
    };
  }, [ready]);
  const html = useMemo(() => (ready && format ? format(body) : null), [ready, body]);
  if (html === null) return <p className="message-body">{body}</p>;
  return <div className="message-body formatted" dangerouslySetInnerHTML={{ __html: html }} />;
}
