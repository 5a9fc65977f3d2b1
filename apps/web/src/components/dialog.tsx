import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useLanguage } from '../language.context';

const loadFrame = () => import('./modal-frame');
const ModalFrame = lazy(loadFrame);

interface ModalDialogProps {
  /** What the button that opens the dialog says. */
  label: ReactNode;
  /** The button's accessible name, when its text alone would be ambiguous (one button per row). */
  'aria-label'?: string;
  buttonClassName?: string;
  disabled?: boolean;
  title: string;
  /** `alertdialog` for a question that needs an answer; it is not closed by a click outside. */
  role?: 'dialog' | 'alertdialog';
  /** The dialog's content, below its title; `close` puts it away and gives the focus back to the button. */
  children(close: () => void): ReactNode;
}

/**
 * A button and the modal dialog it opens. The dialog's code comes with the
 * first opening (asked for as soon as the button is pointed at or focused),
 * so a page pays for it only when someone uses it.
 */
export function ModalDialog({ label, 'aria-label': ariaLabel, buttonClassName, disabled, title, role = 'dialog', children }: ModalDialogProps) {
  const [open, setOpen] = useState(false);
  const preload = () => void loadFrame();
  return (
    <>
      <button
        type="button"
        className={buttonClassName}
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        disabled={disabled}
        onPointerEnter={preload}
        onFocus={preload}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ModalFrame title={title} role={role} onClose={() => setOpen(false)}>
            {children}
          </ModalFrame>
        </Suspense>
      )}
    </>
  );
}

interface ConfirmButtonProps {
  label: string;
  'aria-label'?: string;
  disabled?: boolean;
  /** The question, naming what will happen. */
  title: string;
  /** What follows from it, if anything needs saying. */
  detail?: string;
  /** The confirming button's text: the action again, never "OK". */
  confirmLabel: string;
  /** Runs on confirmation; the dialog closes once it settles. */
  onConfirm(): Promise<void> | void;
}

/** A destructive action's button, asking before it acts; Cancel has the focus, so Enter does no harm. */
export function ConfirmButton({ label, 'aria-label': ariaLabel, disabled, title, detail, confirmLabel, onConfirm }: ConfirmButtonProps) {
  const { t } = useLanguage();
  const [busy, setBusy] = useState(false);
  return (
    <ModalDialog label={label} aria-label={ariaLabel} buttonClassName="danger" disabled={disabled} title={title} role="alertdialog">
      {(close) => (
        <>
          {detail && <p>{detail}</p>}
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  await onConfirm();
                } finally {
                  setBusy(false);
                  close();
                }
              }}
            >
              {confirmLabel}
            </button>
            {/* The safe answer takes the focus, as an alert dialog's should. */}
            <button type="button" autoFocus onClick={close}>
              {t('dialog.cancel')}
            </button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}

interface DialogFormActionsProps {
  submitLabel: string;
  submitting: boolean;
  /** "Cancel" for a form that has not acted yet, "Close" for one that stays open between additions. */
  closeLabel: string;
  onClose(): void;
}

/** The buttons under a dialog's form: submit, busy while the form is sent, then the way out. */
export function DialogFormActions({ submitLabel, submitting, closeLabel, onClose }: DialogFormActionsProps) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={submitting}>
        {submitLabel}
      </button>
      <button type="button" onClick={onClose}>
        {closeLabel}
      </button>
    </div>
  );
}
