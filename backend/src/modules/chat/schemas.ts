import { type Static, Type } from 'typebox';
import { MESSAGE_KINDS, MESSAGE_ROLES } from '../../db/schema.ts';
import { DateTime, Id } from '../../schemas.ts';

export const MessageView = Type.Object({
  id: Id,
  seq: Type.Integer(),
  role: Type.Enum(MESSAGE_ROLES),
  kind: Type.Enum(MESSAGE_KINDS),
  content: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTime,
});
export type MessageView = Static<typeof MessageView>;
