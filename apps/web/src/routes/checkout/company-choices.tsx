import type { Company } from './company-autofill';

type Props = { choices: Company[]; chosen: Company | undefined; onChoose: (company: Company) => void };

/** A company's branches (one INN, several KPPs): the shopper picks theirs, which fills the form. */
export function CompanyChoices({ choices, chosen, onChoose }: Props) {
  if (choices.length === 0) return null;
  return (
    <fieldset data-testid="company-choices">
      <legend>Подразделение</legend>
      {choices.map((company) => (
        <label key={`${company.kpp}|${company.address}|${company.name}`} style={{ display: 'block' }}>
          <input
            type="radio"
            name="companyBranch"
            checked={company === chosen}
            onChange={() => onChoose(company)}
          />{' '}
          {company.name}, КПП {company.kpp ?? '—'}
          {company.address ? `, ${company.address}` : ''}
        </label>
      ))}
    </fieldset>
  );
}
