import { describe, expect, it } from 'vitest';
import { isFrameMessage, isFromFrame, isFromHost, isHostMessage } from './protocol';

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

  it('recognises the visit handed over each way: asked for, answered (or none), kept', () => {
    expect(isFrameMessage({ type: 'aimax:hello' })).toBe(true);
    expect(isFrameMessage({ type: 'aimax:keep', visit: '{"visitorId":"v"}' })).toBe(true);
    expect(isFrameMessage({ type: 'aimax:keep', visit: { visitorId: 'v' } })).toBe(false);
    expect(isFrameMessage({ type: 'aimax:keep' })).toBe(false);
    expect(isHostMessage({ type: 'aimax:visit', visit: '{"visitorId":"v"}' })).toBe(true);
    expect(isHostMessage({ type: 'aimax:visit', visit: null })).toBe(true);
    expect(isHostMessage({ type: 'aimax:visit' })).toBe(false);
    expect(isHostMessage({ type: 'aimax:visit', visit: 1 })).toBe(false);
    // Each side's messages are not the other's.
    expect(isHostMessage({ type: 'aimax:keep', visit: '{}' })).toBe(false);
    expect(isFrameMessage({ type: 'aimax:visit', visit: '{}' })).toBe(false);
  });

  it('accepts a message only from the frame’s origin and the frame’s own window', () => {
    const frameWindow = {};
    const frame = { origin: 'https://app.aimax.ru', window: frameWindow };
    expect(isFromFrame({ origin: 'https://app.aimax.ru', source: frameWindow }, frame)).toBe(true);
    expect(isFromFrame({ origin: 'https://evil.example', source: frameWindow }, frame)).toBe(false);
    expect(isFromFrame({ origin: 'https://app.aimax.ru', source: {} }, frame)).toBe(false);
    expect(isFromFrame({ origin: 'https://app.aimax.ru', source: null }, { ...frame, window: null })).toBe(false);
  });

  it('accepts a message in the frame only from its parent window, at the origin the loader named', () => {
    const parent = {};
    const host = { origin: 'https://remont.ru', window: parent };
    expect(isFromHost({ origin: 'https://remont.ru', source: parent }, host)).toBe(true);
    expect(isFromHost({ origin: 'https://evil.example', source: parent }, host)).toBe(false);
    expect(isFromHost({ origin: 'https://remont.ru', source: {} }, host)).toBe(false);
    expect(isFromHost({ origin: 'null', source: parent }, { origin: null, window: parent })).toBe(false);
  });
});
