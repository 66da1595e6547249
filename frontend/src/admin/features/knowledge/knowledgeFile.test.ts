import { describe, expect, it } from 'vitest';
import { documentFileProblem, MAX_DOCUMENT_BYTES } from './knowledgeFile';

describe('documentFileProblem', () => {
  it.each(['Прайс 2026.pdf', 'Договор.DOCX', 'Цены.xlsx', 'Работы.csv', 'FAQ.txt', 'Услуги.md', 'Услуги.markdown'])(
    'lets %s go to the server',
    (name) => {
      expect(documentFileProblem({ name, size: 1024 })).toBeNull();
    },
  );

  it.each(['Смета.doc', 'Фото.jpg', 'Архив.zip', 'README'])('refuses %s, a format the server cannot read', (name) => {
    expect(documentFileProblem({ name, size: 1024 })).toBe(
      'Такой файл не прочитать: загрузите PDF, DOCX, XLSX, CSV, TXT или Markdown',
    );
  });

  it('refuses a file over 10 MB, and takes one of exactly 10 MB', () => {
    expect(documentFileProblem({ name: 'Каталог.pdf', size: MAX_DOCUMENT_BYTES + 1 })).toBe(
      'Файл слишком большой: не больше 10 МБ',
    );
    expect(documentFileProblem({ name: 'Каталог.pdf', size: MAX_DOCUMENT_BYTES })).toBeNull();
  });
});
