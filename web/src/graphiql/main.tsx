import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { GRAPHQL_URL } from '../api/client';
import { storedToken } from '../auth/session';

/**
 * The developers' GraphQL IDE, bundled from the project's own dependencies (no CDN). The gateway
 * serves it in development only; requests carry the token of the app's signed-in persona.
 */
const token = storedToken();
const DEFAULT_QUERY =
  "# enplan: the federation's GraphQL API. Sign in to the web app first: its token goes with every request.\n{\n  __typename\n}\n";
createRoot(document.getElementById('graphiql') as HTMLElement).render(
  <GraphiQL
    // The token goes with every request; the Headers editor can add or override headers.
    fetcher={createGraphiQLFetcher({
      url: new URL(GRAPHQL_URL, window.location.href).toString(),
      ...(token && { headers: { authorization: `Bearer ${token}` } }),
    })}
    defaultQuery={DEFAULT_QUERY}
  />,
);
