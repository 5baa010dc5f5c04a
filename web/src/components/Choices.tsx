import { useId } from 'react';

function toggle<T>(values: readonly T[], value: T, on: boolean): T[] {
  return on ? [...values, value] : values.filter((v) => v !== value);
}

/** A group of checkboxes under one legend (departments, kinds of data): each box labelled, the group named. */
export function Choices<T extends string>({
  legend,
  hint,
  options,
  label,
  chosen,
  onChange,
}: {
  legend: string;
  /** What choosing means, in plain words, read out with the group. */
  hint?: string;
  options: readonly T[];
  label(value: T): string;
  chosen: readonly T[];
  onChange(next: T[]): void;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {options.map((option) => (
        <div key={option} className="choice">
          <input
            id={`${id}-${option}`}
            type="checkbox"
            checked={chosen.includes(option)}
            onChange={(e) => onChange(toggle(chosen, option, e.target.checked))}
          />
          <label htmlFor={`${id}-${option}`}>{label(option)}</label>
        </div>
      ))}
    </fieldset>
  );
}
