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
 * serves it in development only; the headers start with the token of the app's signed-in persona.
 */
const token = storedToken();
const DEFAULT_QUERY = '# enplan: the federation\'s GraphQL API. Sign in to the web app first; its token is in Headers.\n{\n  __typename\n}\n';
createRoot(document.getElementById('graphiql') as HTMLElement).render(
  <GraphiQL
    fetcher={createGraphiQLFetcher({ url: new URL(GRAPHQL_URL, window.location.href).toString() })}
    defaultQuery={DEFAULT_QUERY}
    defaultHeaders={token ? JSON.stringify({ authorization: `Bearer ${token}` }, null, 2) : undefined}
  />,
);
