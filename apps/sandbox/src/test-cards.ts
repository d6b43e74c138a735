/** Cards the payment page understands. Expiry: any future MM/YY; CVC: any 3 digits. */
export const TEST_CARDS = {
  success: '4111 1111 1111 1111',
  declined: '4000 0000 0000 0002',
  /** Asks for a confirmation code first: CONFIRMATION_CODE succeeds, anything else declines. */
  confirmationCode: '4000 0000 0000 3220',
} as const;

export const CONFIRMATION_CODE = '123456';

export type CardBehaviour = 'success' | 'declined' | 'confirmation' | 'unknown';

const digits = (card: string) => card.replace(/\D/g, '');

export function cardBehaviour(card: string): CardBehaviour {
  const number = digits(card);
  if (number === digits(TEST_CARDS.success)) return 'success';
  if (number === digits(TEST_CARDS.declined)) return 'declined';
  if (number === digits(TEST_CARDS.confirmationCode)) return 'confirmation';
  return 'unknown';
}

export const cardLast4 = (card: string) => digits(card).slice(-4);
