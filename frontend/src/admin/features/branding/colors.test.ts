import { describe, expect, it } from 'vitest';
import { DARK_TEXT, LIGHT_TEXT, parseHexColor, readableTextOn } from './colors';

describe('parseHexColor', () => {
  it('keeps a #RRGGBB colour, in the lower case the server stores', () => {
    expect(parseHexColor('#0F766E')).toBe('#0f766e');
    expect(parseHexColor('#4f46e5')).toBe('#4f46e5');
  });

  it('forgives a missing #, the short form and surrounding spaces', () => {
    expect(parseHexColor('0f766e')).toBe('#0f766e');
    expect(parseHexColor('#fa0')).toBe('#ffaa00');
    expect(parseHexColor('  #ABC ')).toBe('#aabbcc');
  });

  it('refuses what is not a colour', () => {
    for (const text of ['', '#', '#12345', '#1234567', '#ggg000', 'red', 'rgb(0,0,0)', '##123456']) {
      expect(parseHexColor(text)).toBeNull();
    }
  });
});

describe('readableTextOn', () => {
  it('puts white text on dark and saturated brand colours', () => {
    for (const color of ['#000000', '#4f46e5', '#0f766e', '#b91c1c']) expect(readableTextOn(color)).toBe(LIGHT_TEXT);
  });

  it('puts dark text on light colours, where white would vanish', () => {
    for (const color of ['#ffffff', '#f59e0b', '#facc15', '#a7f3d0']) expect(readableTextOn(color)).toBe(DARK_TEXT);
  });
});
