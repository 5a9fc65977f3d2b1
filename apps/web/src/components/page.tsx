import { useEffect, useRef, type ReactNode } from 'react';
import { useLanguage } from '../language.context';

/**
 * One screen of the application: sets the document title and moves focus to
 * the heading when the screen opens, so that screen readers announce it.
 */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}
