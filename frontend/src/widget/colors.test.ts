import { describe, expect, it } from 'vitest';
import { readableTextOn } from './colors';

describe('readableTextOn', () => {
  it('puts white on dark brand colours and near-black on light ones', () => {
    expect(readableTextOn('#4f46e5')).toBe('#ffffff');
    expect(readableTextOn('#0f766e')).toBe('#ffffff');
    expect(readableTextOn('#f59e0b')).toBe('#18181b');
    expect(readableTextOn('#fde047')).toBe('#18181b');
  });
});
