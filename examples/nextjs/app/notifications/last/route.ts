import { lastVerified } from '../../../lib/last-verified';

export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json(lastVerified.get());
}
