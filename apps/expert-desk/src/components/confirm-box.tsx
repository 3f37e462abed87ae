import type { ReactNode } from 'react';

type Action = { label: string; testId?: string; onClick?(): void };

/**
 * Two steps before anything that moves money or closes a session. Closed, it is the form's submit
 * button (`ask`); open, it says what will happen and offers "confirm" or "cancel", announced as an
 * alert dialog. Nothing is sent until `confirm.onClick`.
 */
export function ConfirmBox(props: {
  open: boolean;
  /** the first step's submit button, shown while closed */
  ask?: Action;
  title: ReactNode;
  children?: ReactNode;
  confirm: Action;
  cancel: Action;
  busy: boolean;
  testId: string;
}) {
  const button = (action: Action, kind: string, type: 'button' | 'submit' = 'button') => (
    <button
      type={type}
      className={`button ${kind}`}
      onClick={action.onClick}
      disabled={props.busy}
      data-testid={action.testId}
    >
      {action.label}
    </button>
  );
  if (!props.open) return props.ask ? button(props.ask, 'button-primary', 'submit') : null;
  const titleId = `${props.testId}-title`;
  return (
    <div className="confirm-box" role="alertdialog" aria-labelledby={titleId} data-testid={props.testId}>
      <p id={titleId}>
        <strong>{props.title}</strong>
      </p>
      {props.children}
      {button(props.confirm, 'button-danger')}
      {button(props.cancel, 'button-ghost')}
    </div>
  );
}
