// A visitor asking for a person in their own words. The AI would otherwise answer «позовите
// менеджера» itself; these phrases go to the company's managers instead.
const PERSON = '(?:менеджер|человек|оператор|специалист|сотрудник|консультант|живо)';

const ASKS_FOR_PERSON = [
  // «позовите менеджера», «позвать человека», «соедините с оператором», «переключите на специалиста»
  new RegExp(
    `(?:позов|позва|зов|соедин|переключ|перевед|подключ)\\S*\\s+(?:\\S+\\s+){0,2}(?:с\\s+|на\\s+)?${PERSON}`,
    'i',
  ),
  // «хочу поговорить с человеком», «можно пообщаться с менеджером», «связаться с сотрудником»
  new RegExp(`(?:говор|общ|связ|переписыв)\\S*\\s+(?:\\S+\\s+){0,2}с\\s+(?:\\S+\\s+)?${PERSON}`, 'i'),
  // «нужен менеджер», «дайте живого человека», «хочу к оператору»
  new RegExp(`(?:нуж|дайте|хочу|можно)\\S*\\s+(?:\\S+\\s+){0,1}(?:к\\s+)?${PERSON}`, 'i'),
];

export function asksForPerson(text: string): boolean {
  const normalised = text.toLowerCase().replace(/ё/g, 'е');
  return ASKS_FOR_PERSON.some((pattern) => pattern.test(normalised));
}
