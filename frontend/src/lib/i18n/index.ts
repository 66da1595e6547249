// The catalogue the interface speaks. Russian is the only language today; choosing another one
// means picking a different `Messages` object here.
import { type Messages, ru } from './ru';

export const locale = 'ru-RU';

export const t: Messages = ru;

export type { Messages };
