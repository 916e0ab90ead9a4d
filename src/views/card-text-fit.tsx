import { getTemplate } from '../pdf/templates';
import { fill } from '../i18n';
import type { DesignFitProblem } from '../services/card-design';
import { useT } from './request';

/** The location form's fit check; /admin/locations/fit answers this block alone, for the form's script. */
export function CardTextFit(props: { locale: 'ru' | 'en'; problems: DesignFitProblem[] }) {
  const t = useT();
  const m = t.admin.locations;
  const fields = t.admin.print.fitFields;
  return (
    <section id="card-text-fit" class="fit-check" aria-live="polite">
      <h3>{m.cardTextFit}</h3>
      {props.problems.length === 0 ? (
        <p class="alert ok">{m.cardTextFitOk}</p>
      ) : (
        <div class="alert error">
          {props.problems.map((p) => (
            <p>
              {fill(m.cardTextFitCut, {
                field: fields[p.field],
                design: getTemplate(p.templateId)?.name[props.locale] ?? p.templateId,
                kept: p.kept,
                total: p.total,
              })}
            </p>
          ))}
        </div>
      )}
      <p class="hint">{m.cardTextFitNote}</p>
    </section>
  );
}
