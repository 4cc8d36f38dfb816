/** A commune's name inside a French sentence, with elision and contraction. */

/** "d'Arles", "de Marseille", "du Tholonet", "des Pennes-Mirabeau". */
export function ofCommune(name: string): string {
  if (/^Le /.test(name)) return `du ${name.slice(3)}`;
  if (/^Les /.test(name)) return `des ${name.slice(4)}`;
  if (/^[AEIOUYÉÈÂH]/i.test(name)) return `d'${name}`;
  return `de ${name}`;
}

/** "à Arles", "au Tholonet", "aux Pennes-Mirabeau". */
export function inCommune(name: string): string {
  if (/^Le /.test(name)) return `au ${name.slice(3)}`;
  if (/^Les /.test(name)) return `aux ${name.slice(4)}`;
  return `à ${name}`;
}
