// Where the keyboard focus goes. When the chat opens: the conversation itself, so a screen reader
// starts reading there and Tab reaches the answers next, while a visitor who clicked sees no control
// light up. When the funnel moves on: the new step's first control (marked `data-autofocus`), else
// the question box.

export const CONVERSATION_ID = 'aimax-conversation';
export const COMPOSER_INPUT_ID = 'aimax-composer-input';

// The conversation keeps its own scroll position; focusing must not jump it.
const quietly = { preventScroll: true };

export function focusConversation(): void {
  document.getElementById(CONVERSATION_ID)?.focus(quietly);
}

export function focusPrimaryControl(root: ParentNode): void {
  const target =
    root.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)') ?? document.getElementById(COMPOSER_INPUT_ID);
  target?.focus(quietly);
}
