import { LoaderCircle } from 'lucide-react';

/** A small spinning circle for buttons whose request is under way; the button says what it is doing. */
export const Spinner = ({ size = 16 }: { size?: number }) => (
  <LoaderCircle aria-hidden size={size} className="shrink-0 animate-spin" />
);
