/** One of a list page's filters (a GET form): a labelled select whose first option, `all`, means no filter. */
export function FilterSelect({
  name,
  label,
  value,
  all,
  options,
  description,
  lang,
}: {
  name: string;
  label: string;
  value: string | undefined;
  all?: string;
  options: [string, string][];
  description?: string;
  lang?: string;
}) {
  const id = `filter-${name}`;
  return (
    <div className="ds-field min-w-0">
      <label className="ds-label" htmlFor={id}>
        {label}
      </label>
      {description ? (
        <p id={`${id}-description`} className="ds-paragraph" data-size="sm">
          {description}
        </p>
      ) : null}
      <select id={id} name={name} className="ds-input" defaultValue={value ?? ""} aria-describedby={description ? `${id}-description` : undefined}>
        {all !== undefined ? <option value="">{all}</option> : null}
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue} lang={lang}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
