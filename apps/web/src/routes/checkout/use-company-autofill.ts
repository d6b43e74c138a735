import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPC } from '../../trpc';
import {
  AUTOFILLED,
  type Company,
  fillCompany,
  hasWrongCheckDigit,
  innProblem,
  innToLookUp,
  lookupNote,
} from './company-autofill';
import type { CustomerField, CustomerForm } from './customer-form';

/** Quiet while the shopper types: ask once they pause (or leave the field). */
const DEBOUNCE_MS = 400;

/**
 * Company details by INN: once the INN field holds a checksum-valid INN, the shop is asked and name, KPP and
 * address are filled in, except what the shopper typed by hand since the last fill. A wrong check digit is an
 * error at the INN field; a failed lookup only a hint, since the shopper can always type the details.
 */
export function useCompanyAutofill(form: CustomerForm, apply: (next: CustomerForm) => void) {
  const trpc = useTRPC();
  const legal = form.type === 'legal';
  const vatNumber = form.vatNumber;
  const [asked, setAsked] = useState<string | null>(null);
  const [innError, setInnError] = useState<string>();
  const [chosen, setChosen] = useState<Company>();
  const [kept, setKept] = useState(false);
  const byHand = useRef(new Set<CustomerField>());
  const filledFor = useRef<string | null>(null);
  // The form as the shopper sees it now: a lookup answers after some typing.
  const latest = useRef({ form, apply });
  latest.current = { form, apply };

  const lookup = useQuery({
    ...trpc.companies.byInn.queryOptions({ vatNumber: asked ?? '' }),
    enabled: asked !== null,
    // A convenience: one try, and each INN once per visit (the shop caches and rate-limits lookups too).
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

  useEffect(() => {
    setInnError(undefined);
    if (!legal || !innToLookUp(vatNumber)) {
      setAsked(null);
      filledFor.current = null;
    }
    const timer = setTimeout(() => {
      if (hasWrongCheckDigit(vatNumber)) setInnError(innProblem(vatNumber));
      else if (legal) setAsked(innToLookUp(vatNumber));
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [legal, vatNumber]);

  const fill = useCallback((company: Company) => {
    const { form: current, apply: write } = latest.current;
    const result = fillCompany(current, company, byHand.current);
    for (const field of result.written) byHand.current.delete(field);
    setChosen(company);
    setKept(result.written.length < AUTOFILLED.length);
    write(result.form);
  }, []);

  const found = asked ? lookup.data : undefined;
  useEffect(() => {
    // Filled once per INN looked up; what the shopper types afterwards is theirs.
    if (!asked || !found || filledFor.current === asked) return;
    filledFor.current = asked;
    setChosen(undefined);
    if (found.length === 1) fill(found[0]!);
  }, [asked, found, fill]);

  return {
    innError,
    note: lookupNote({
      asked: asked !== null,
      fetching: lookup.isFetching,
      failed: lookup.isError,
      found,
      kept,
    }),
    /** Branches of one company (several KPPs) to pick from. */
    choices: found && found.length > 1 ? found : [],
    chosen,
    choose: fill,
    /** Leaving the INN field asks at once, or says what is wrong with it. */
    onInnBlur() {
      const inn = legal ? innToLookUp(vatNumber) : null;
      if (inn) setAsked(inn);
      else if (vatNumber.trim()) setInnError(innProblem(vatNumber));
    },
    /** Called with every change the shopper makes by hand. */
    typedByHand(patch: Partial<CustomerForm>) {
      for (const field of AUTOFILLED) if (field in patch) byHand.current.add(field);
    },
  };
}
