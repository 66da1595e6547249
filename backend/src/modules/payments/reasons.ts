// Why a payment did not go through, for the owner who tried to pay: YooKassa's
// `cancellation_details.reason` codes (https://yookassa.ru/developers/payment-acceptance/
// after-the-payment/declined-payments), in Russian, each with what to do next.

/** Our own reason, for a payment YooKassa refused to create. */
export const REJECTED = 'rejected';

const REASONS: Record<string, string> = {
  '3d_secure_failed': 'не пройдено подтверждение 3-D Secure. Попробуйте ещё раз или выберите другой способ',
  call_issuer: 'банк отклонил платёж. Позвоните в банк или выберите другой способ оплаты',
  canceled_by_merchant: 'платёж отменён',
  card_expired: 'истёк срок действия карты. Оплатите другой картой',
  country_forbidden: 'картой этой страны заплатить нельзя. Выберите другую карту или способ',
  expired_on_confirmation: 'время на оплату истекло. Начните оплату заново',
  expired_on_capture: 'время на оплату истекло. Начните оплату заново',
  fraud_suspected:
    'платёж заблокирован банком из соображений безопасности. Позвоните в банк или выберите другой способ',
  general_decline: 'банк отклонил платёж без объяснения причин. Попробуйте другую карту или способ',
  identification_required: 'превышен лимит кошелька ЮMoney для неидентифицированных пользователей',
  insufficient_funds: 'недостаточно средств. Пополните счёт или выберите другой способ',
  internal_timeout: 'технический сбой на стороне ЮKassa. Попробуйте ещё раз через несколько минут',
  invalid_card_number: 'неверный номер карты. Проверьте его и попробуйте снова',
  invalid_csc: 'неверный код CVC/CVV. Проверьте его и попробуйте снова',
  issuer_unavailable: 'банк карты не отвечает. Попробуйте позже или выберите другой способ',
  payment_method_limit_exceeded: 'превышен лимит платежей по этому способу оплаты. Выберите другой',
  payment_method_restricted: 'операции этим способом оплаты запрещены банком. Выберите другой',
  permission_revoked: 'разрешение на списание отозвано',
  unsupported_mobile_operator: 'оплата со счёта этого оператора связи недоступна',
  [REJECTED]: 'ЮKassa не приняла платёж. Попробуйте ещё раз или оплатите по счёту',
};

/** Why a cancelled payment failed, to follow «Оплата не прошла: ». */
export function reasonText(reason: string | null): string | null {
  if (reason === null) return null;
  return REASONS[reason] ?? 'платёж отклонён. Попробуйте ещё раз или выберите другой способ оплаты';
}
