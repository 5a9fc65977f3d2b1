import { useId, type Ref } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import { WidgetLanguage } from './widget-language';

export interface ComboOption {
  id: string;
  label: string;
  /** Said after the label, muted: a kind, a status. */
  detail?: string;
}

interface ComboBoxFieldProps {
  label: string;
  hint?: string;
  options: ComboOption[];
  /** The chosen option's id, or '' for none. */
  value: string;
  onChange(id: string): void;
  /** Shown in the list when the typed text matches nothing. */
  emptyText: string;
  invalid?: boolean;
  /** The id of the form's alert, read with the field when it is invalid. */
  errorId?: string;
  isRequired?: boolean;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A required choice among many, typed to filter (React Aria's combo box:
 * the list opens as one types, with the down arrow or the button beside the
 * field; the typed text filters it whatever the case and accents).
 */
export function ComboBoxField({ label, hint, options, value, onChange, emptyText, invalid, errorId, isRequired, ref }: ComboBoxFieldProps) {
  const hintId = useId();
  const describedBy = [hint ? hintId : null, invalid ? (errorId ?? null) : null].filter(Boolean).join(' ') || undefined;
  return (
    <WidgetLanguage>
      <ComboBox
        className="field combo-field"
        defaultItems={options}
        selectedKey={value || null}
        onSelectionChange={(key) => onChange(key === null ? '' : String(key))}
        isInvalid={invalid}
        isRequired={isRequired}
      >
        <Label>{label}</Label>
        {hint && (
          <p className="hint" id={hintId}>
            {hint}
          </p>
        )}
        <div className="combo-control">
          <Input ref={ref} aria-describedby={describedBy} />
          <Button className="combo-button">
            <span aria-hidden="true">▾</span>
          </Button>
        </div>
        <Popover className="popover" maxHeight={288}>
          <ListBox<ComboOption> className="listbox" renderEmptyState={() => <p className="listbox-empty">{emptyText}</p>}>
            {(option) => (
              <ListBoxItem id={option.id} textValue={option.label} className="option">
                {option.label}
                {option.detail && <span className="muted"> · {option.detail}</span>}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
    </WidgetLanguage>
  );
}
