import { Link } from '../router';

export function NotFoundPage() {
  return (
    <section>
      <h1>Страница не найдена</h1>
      <p>
        <Link href="/">Вернуться в каталог</Link>
      </p>
    </section>
  );
}
