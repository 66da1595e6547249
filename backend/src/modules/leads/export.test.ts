import { describe, expect, it } from 'vitest';
import { neutralise } from './export.ts';

describe('neutralise', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+79161234567', "'+79161234567"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['\rCR', "'\rCR"],
  ])('prefixes %j, which a spreadsheet would run', (text, expected) => {
    expect(neutralise(text)).toBe(expected);
  });

  it.each([['Анна'], [''], ["'уже"], ['a=b'], [' =1']])('leaves %j as it is', (text) => {
    expect(neutralise(text)).toBe(text);
  });
});
