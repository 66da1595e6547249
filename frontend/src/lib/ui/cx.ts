/** Joins the class names that are set: `cx('base', busy && 'opacity-60')`. */
export const cx = (...classes: Array<string | false | null | undefined>): string => classes.filter(Boolean).join(' ');
