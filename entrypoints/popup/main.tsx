import { render } from 'preact';

function Popup() {
  return <main>ReplyPace</main>;
}

render(<Popup />, document.getElementById('app')!);
