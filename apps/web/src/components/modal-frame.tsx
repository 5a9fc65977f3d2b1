import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { WidgetLanguage } from './widget-language';

export interface ModalFrameProps {
  title: string;
  role: 'dialog' | 'alertdialog';
  onClose(): void;
  children(close: () => void): ReactNode;
}

/**
 * The modal itself (React Aria: focus kept inside and given back to the
 * element that had it, Escape closes, the page behind hidden from screen
 * readers). Loaded with the first dialog a page opens.
 */
export default function ModalFrame({ title, role, onClose, children }: ModalFrameProps) {
  return (
    <WidgetLanguage>
      <ModalOverlay className="modal-overlay" isOpen onOpenChange={(open) => !open && onClose()} isDismissable={role === 'dialog'}>
        <Modal className="modal">
          <Dialog role={role} className="dialog">
            <Heading slot="title" className="dialog-title">
              {title}
            </Heading>
            {children(onClose)}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </WidgetLanguage>
  );
}
