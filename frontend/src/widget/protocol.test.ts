import { describe, expect, it } from 'vitest';
import { isFrameMessage, isFromFrame, isHostMessage } from './protocol';

describe('messages between the frame and the page', () => {
  it('recognises the frame’s goal and close messages, and nothing else', () => {
    expect(isFrameMessage({ type: 'aimax:goal', goal: 'aimax_open' })).toBe(true);
    expect(isFrameMessage({ type: 'aimax:close' })).toBe(true);
    expect(isFrameMessage({ type: 'aimax:goal', goal: '' })).toBe(false);
    expect(isFrameMessage({ type: 'aimax:goal', goal: 42 })).toBe(false);
    expect(isFrameMessage('aimax:close')).toBe(false);
    expect(isFrameMessage(null)).toBe(false);
    expect(isHostMessage({ type: 'aimax:open' })).toBe(true);
    expect(isHostMessage({ type: 'aimax:close' })).toBe(false);
  });

  it('accepts a message only from the frame’s origin and the frame’s own window', () => {
    const frameWindow = {};
    const frame = { origin: 'https://app.aimax.ru', window: frameWindow };
    expect(isFromFrame({ origin: 'https://app.aimax.ru', source: frameWindow }, frame)).toBe(true);
    expect(isFromFrame({ origin: 'https://evil.example', source: frameWindow }, frame)).toBe(false);
    expect(isFromFrame({ origin: 'https://app.aimax.ru', source: {} }, frame)).toBe(false);
    expect(isFromFrame({ origin: 'https://app.aimax.ru', source: null }, { ...frame, window: null })).toBe(false);
  });
});
