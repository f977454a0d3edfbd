import { SERVER_COLORS, type ServerColor } from '../lib/model';
import { useT } from '../hooks/use-t';

interface Props {
  id: string;
  value: ServerColor;
  onChange: (color: ServerColor) => void;
}

export function ColorSelect({ id, value, onChange }: Props) {
  const t = useT();
  return (
    <div class="field">
      <label for={id}>{t('colour')}</label>
      <span class="color-select">
        <span class={`swatch swatch--${value}`} aria-hidden="true" />
        <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as ServerColor)}>
          {SERVER_COLORS.map((color) => (
            <option key={color} value={color}>
              {t(`color_${color}`)}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
