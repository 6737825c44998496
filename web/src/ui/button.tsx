import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';

export interface ButtonProps extends Omit<AriaButtonProps, 'className'> {
  /** `primary` for the one main action of a screen, `quiet` for secondary ones. */
  variant?: 'primary' | 'secondary' | 'quiet' | 'danger';
  className?: string;
}

/** An accessible button (keyboard, touch and screen readers handled by react-aria). */
export function Button({ variant = 'secondary', className, ...props }: ButtonProps) {
  return (
    <AriaButton {...props} className={['button', `button-${variant}`, className].filter(Boolean).join(' ')} />
  );
}
