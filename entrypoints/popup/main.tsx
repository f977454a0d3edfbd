import { render } from 'preact';

function Popup() {
  return <main><h1>Kuzzle Session Manager</h1></main>;
}

render(<Popup />, document.getElementById('app')!);
