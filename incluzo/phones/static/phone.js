/* incluzo's phone page: join by PIN, pick a team, choose in a round, vote in a poll, fill in
   "Welke bril?", and the facilitator's desk. One WebSocket to /ws carries docs/phones-protocol.md.

   ES5 only (var and function, no arrow functions, classes, modules, Promise or fetch) so it runs on
   old phone browsers; tests/phones/test_pages.py parses it as ES5. The page keeps no name and no
   answer anywhere but this phone's own storage: the device token (cookie "incluzo", and
   localStorage), the last message number, the language, and an unsent "Welke bril?" sheet. */
(function () {
  'use strict';

  var WORDS = window.INCLUZO_WORDS;
  var COOKIE = 'incluzo';
  var SEQ_COOKIE = 'incluzo-seq';
  var KEEP_SECONDS = 86400; // the cookies last a day: one session's worth
  var RETRY_FIRST = 1000;
  var RETRY_MAX = 8000;
  var STALE_MS = 15000; // a page hidden this long reconnects when it is shown again
  var POINTS = 10;
  var MARKS = 'ABCDEF';
  var MINUS = '\u2212';
  var COMMANDS = ['pause', 'more-time', 'less-time', 'reveal', 'skip', 'next', 'close-poll'];
  var SVG = 'http://www.w3.org/2000/svg';

  var app = {
    lang: readLang(),
    token: readToken(),
    seq: readSeq(),
    socket: null,
    welcomed: false,
    everWelcomed: false,
    closedReason: '',
    role: null,
    view: null,
    screen: 'connecting', // connecting | pin | view | nosocket
    pin: pinFromAddress(),
    pinError: '',
    pinWaitUntil: 0,
    retries: 0,
    retryTimer: null,
    hiddenAt: 0,
    pending: {}, // seq -> what was sent, until accepted or refused
    selected: {}, // ask -> the choice or option tapped but not yet sent
    notice: null, // {text, error}
    bril: null, // the sheet being filled in: {ask, current, desired, page}
    picking: false, // the phone asked to choose (another) team
    clockBase: null, // {seconds, at}: the timer as last told, counted down here
    lastKey: ''
  };

  // --- storage: the token, the message number, the language, a draft sheet --------------------

  function cookie(name) {
    var parts = document.cookie ? document.cookie.split(';') : [];
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i].replace(/^\s+/, '');
      if (part.indexOf(name + '=') === 0) {
        return decodeURIComponent(part.substring(name.length + 1));
      }
    }
    return null;
  }

  function setCookie(name, value) {
    document.cookie = name + '=' + encodeURIComponent(value) + '; path=/; max-age=' + KEEP_SECONDS +
      '; SameSite=Strict';
  }

  function stored(key) {
    try {
      return window.localStorage ? window.localStorage.getItem(key) : null;
    } catch (e) {
      return null; // private mode or storage switched off: the cookie carries on alone
    }
  }

  function store(key, value) {
    try {
      if (!window.localStorage) {
        return;
      }
      if (value === null) {
        window.localStorage.removeItem(key);
      } else {
        window.localStorage.setItem(key, value);
      }
    } catch (e) {
      // storage full or switched off: nothing to lose but a convenience
    }
  }

  function readToken() {
    var token = cookie(COOKIE) || stored('incluzo-token');
    return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
  }

  function saveToken(token) {
    setCookie(COOKIE, token);
    store('incluzo-token', token);
  }

  function readSeq() {
    var a = parseInt(cookie(SEQ_COOKIE) || '0', 10) || 0;
    var b = parseInt(stored('incluzo-seq') || '0', 10) || 0;
    return Math.max(a, b);
  }

  function saveSeq() {
    setCookie(SEQ_COOKIE, String(app.seq));
    store('incluzo-seq', String(app.seq));
  }

  function readLang() {
    var lang = stored('incluzo-lang') || cookie('incluzo-lang');
    return lang && WORDS[lang] ? lang : 'nl';
  }

  function pinFromAddress() {
    var found = /[?&#]pin=([0-9]{4,6})(?:&|$)/.exec(window.location.search + window.location.hash);
    return found ? found[1] : '';
  }

  // --- words ------------------------------------------------------------------------------------

  function t(key, params) {
    var words = WORDS[app.lang] || WORDS.nl;
    var text = words.hasOwnProperty(key) ? words[key] : WORDS.nl[key];
    if (text === undefined) {
      return key;
    }
    return text.replace(/\{([a-z]+)\}/g, function (whole, name) {
      return params && params.hasOwnProperty(name) ? String(params[name]) : whole;
    });
  }

  function counted(key, count) {
    return count === 1 && WORDS.nl.hasOwnProperty(key + '.one') ? t(key + '.one') : t(key, {count: count});
  }

  function clock(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    var rest = s % 60;
    return Math.floor(s / 60) + ':' + (rest < 10 ? '0' : '') + rest;
  }

  function signed(n) {
    if (n > 0) {
      return '+' + n;
    }
    return n < 0 ? MINUS + (-n) : '0';
  }

  // --- the DOM ----------------------------------------------------------------------------------

  function byId(id) {
    return document.getElementById(id);
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    var name;
    for (name in attrs) {
      if (attrs.hasOwnProperty(name) && attrs[name] !== null && attrs[name] !== undefined && attrs[name] !== false) {
        if (name === 'text') {
          node.appendChild(document.createTextNode(attrs[name]));
        } else if (name === 'onclick') {
          node.addEventListener('click', attrs[name], false);
        } else if (name === 'className') {
          node.className = attrs[name];
        } else {
          node.setAttribute(name, attrs[name] === true ? '' : attrs[name]);
        }
      }
    }
    add(node, children);
    return node;
  }

  function add(node, children) {
    if (children === undefined || children === null) {
      return node;
    }
    if (!(children instanceof Array)) {
      children = [children];
    }
    for (var i = 0; i < children.length; i++) {
      var child = children[i];
      if (child === null || child === undefined || child === false) {
        continue;
      }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function hidden(text) {
    return el('span', {className: 'sr-only', text: text});
  }

  function say(text) {
    var region = byId('say');
    // emptied first, so the same words said twice are read twice
    region.textContent = '';
    window.setTimeout(function () {
      region.textContent = text;
    }, 50);
  }

  // --- team badges: the shape in the team's colour, as the big screen draws it ------------------

  function shapePoints(symbol) {
    var x = 12, y = 12, h = 10, points = [], i, r, angle, a;
    if (symbol === 'triangle') {
      points = [[x, y - h], [x + h, y + h * 0.8], [x - h, y + h * 0.8]];
    } else if (symbol === 'square') {
      a = h * 0.85;
      points = [[x - a, y - a], [x + a, y - a], [x + a, y + a], [x - a, y + a]];
    } else if (symbol === 'diamond') {
      points = [[x, y - h], [x + h, y], [x, y + h], [x - h, y]];
    } else if (symbol === 'star') {
      for (i = 0; i < 10; i++) {
        r = i % 2 === 0 ? h : h * 0.45;
        angle = -Math.PI / 2 + i * Math.PI / 5;
        points.push([x + r * Math.cos(angle), y + r * Math.sin(angle)]);
      }
    } else {
      a = 20 * 0.36 / 2; // cross: a plus of two bars
      points = [[x - a, y - h], [x + a, y - h], [x + a, y - a], [x + h, y - a], [x + h, y + a], [x + a, y + a],
        [x + a, y + h], [x - a, y + h], [x - a, y + a], [x - h, y + a], [x - h, y - a], [x - a, y - a]];
    }
    var text = [];
    for (i = 0; i < points.length; i++) {
      text.push(points[i][0].toFixed(2) + ',' + points[i][1].toFixed(2));
    }
    return text.join(' ');
  }

  function shape(symbol, colour) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('class', 'shape');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var mark;
    if (symbol === 'circle') {
      mark = document.createElementNS(SVG, 'circle');
      mark.setAttribute('cx', '12');
      mark.setAttribute('cy', '12');
      mark.setAttribute('r', '10');
    } else {
      mark = document.createElementNS(SVG, 'polygon');
      mark.setAttribute('points', shapePoints(symbol));
    }
    mark.setAttribute('fill', colour);
    mark.setAttribute('stroke', '#1a1a1a');
    mark.setAttribute('stroke-width', '1.5');
    mark.setAttribute('stroke-linejoin', 'round');
    svg.appendChild(mark);
    return svg;
  }

  function badgeWords(team) {
    return t('team.badge', {
      number: team.number,
      name: team.name,
      colour: t('colour.' + String(team.colour).toUpperCase()),
      shape: t('shape.' + team.symbol)
    });
  }

  function badge(team, big) {
    return el('span', {className: big ? 'badge badge-big' : 'badge'}, [
      shape(team.symbol, team.colour),
      el('span', {className: 'badge-number', 'aria-hidden': 'true', text: String(team.number)}),
      el('span', {className: 'badge-name', 'aria-hidden': 'true', text: team.name}),
      hidden(badgeWords(team))
    ]);
  }

  function myTeam() {
    var view = app.view;
    if (!view || view.team === null) {
      return null;
    }
    for (var i = 0; i < view.teams.length; i++) {
      if (view.teams[i].number === view.team) {
        return view.teams[i];
      }
    }
    return null;
  }

  // --- the connection ---------------------------------------------------------------------------

  function socketAddress() {
    var scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    return scheme + window.location.host + '/ws';
  }

  function connect() {
    window.clearTimeout(app.retryTimer);
    app.retryTimer = null;
    if (!window.WebSocket) {
      app.screen = 'nosocket';
      render();
      return;
    }
    var old = app.socket;
    app.socket = null;
    if (old) {
      try {
        old.close();
      } catch (e) {
        // already closing
      }
    }
    var ws;
    try {
      ws = new window.WebSocket(socketAddress());
    } catch (e) {
      retryLater();
      return;
    }
    app.socket = ws;
    ws.onopen = function () {
      if (ws === app.socket) {
        send({type: 'hello', token: app.token, lang: app.lang});
      }
    };
    ws.onmessage = function (event) {
      if (ws !== app.socket) {
        return;
      }
      var message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (message && typeof message.type === 'string') {
        receive(message);
      }
    };
    ws.onclose = function () {
      if (ws !== app.socket) {
        return;
      }
      app.socket = null;
      app.welcomed = false;
      app.pending = {};
      retryLater();
      render();
    };
  }

  function retryLater() {
    window.clearTimeout(app.retryTimer);
    var wait = Math.min(RETRY_MAX, RETRY_FIRST * Math.pow(2, app.retries));
    app.retries += 1;
    app.retryTimer = window.setTimeout(connect, wait);
  }

  function isOpen() {
    return app.socket !== null && app.socket.readyState === 1;
  }

  function send(message) {
    if (!isOpen()) {
      say(t('conn.restoring'));
      return false;
    }
    app.seq += 1;
    message.seq = app.seq;
    saveSeq();
    app.socket.send(JSON.stringify(message));
    return true;
  }

  function sendTracked(message, what) {
    if (!send(message)) {
      return false;
    }
    app.pending[message.seq] = what;
    return true;
  }

  // --- messages from the game -------------------------------------------------------------------

  function receive(message) {
    switch (message.type) {
      case 'pin':
        app.welcomed = false;
        app.role = null;
        app.view = null;
        app.screen = 'pin';
        app.pinWaitUntil = message.wait > 0 ? Date.now() + message.wait * 1000 : 0;
        if (message.wait > 0) {
          app.pinError = t('refused.slow-down', {seconds: message.wait});
        }
        render();
        break;
      case 'welcome':
        var restored = app.everWelcomed;
        app.token = message.token;
        saveToken(message.token);
        app.seq = Math.max(app.seq, message.seq);
        saveSeq();
        app.role = message.role;
        app.welcomed = true;
        app.everWelcomed = true;
        app.closedReason = '';
        app.retries = 0;
        app.pinError = '';
        app.screen = 'view';
        render();
        if (restored) {
          say(t('conn.back'));
        }
        break;
      case 'view':
        var same = app.screen === 'view' && app.view !== null && steady(app.view) === steady(message);
        app.view = message;
        app.screen = 'view';
        setClock(message);
        if (same) {
          tick(); // only the clock moved: the page stays as it is (a screen reader keeps its place)
        } else {
          render();
        }
        break;
      case 'accepted':
        accepted(message.seq);
        break;
      case 'refused':
        refused(message);
        break;
      case 'bye':
        app.closedReason = message.reason || '';
        break;
      default:
        break;
    }
  }

  function accepted(seq) {
    var what = app.pending[seq];
    delete app.pending[seq];
    if (!what) {
      return;
    }
    if (what.kind === 'pick') {
      notice(t('round.voted', {mark: what.mark}), false);
    } else if (what.kind === 'vote') {
      notice(t('poll.voted', {mark: what.mark}), false);
    } else if (what.kind === 'answers') {
      store('incluzo-bril-' + what.ask, null);
      app.bril = null;
      notice(t('bril.done'), false);
    } else if (what.kind === 'control') {
      say(t('cmd.done'));
    }
  }

  function refused(message) {
    var what = app.pending[message.seq];
    delete app.pending[message.seq];
    var key = 'refused.' + message.reason;
    var text = WORDS.nl.hasOwnProperty(key) ?
      t(key, {detail: message.detail, seconds: message.detail}) :
      t('refused.other', {reason: message.reason});
    if (message.reason === 'bad-pin' || message.reason === 'slow-down' || (what && what.kind === 'join')) {
      if (message.reason === 'slow-down') {
        app.pinWaitUntil = Date.now() + (parseInt(message.detail, 10) || 5) * 1000;
      }
      app.pinError = text;
      render();
      say(text);
      var field = byId('pin');
      if (field) {
        field.focus();
      }
      return;
    }
    if (what && what.ask) {
      delete app.selected[what.ask];
    }
    notice(text, true);
  }

  function notice(text, error) {
    app.notice = {text: text, error: error};
    render();
    say(text);
  }

  // --- the timer, counted down between views -----------------------------------------------------

  function steady(view) {
    // the view without its clock: the game sends a new view every second while the clock runs
    return JSON.stringify(view, function (key, value) {
      return key === 'remaining' ? 0 : value;
    });
  }

  function setClock(view) {
    var seconds = null;
    var running = true;
    if (view.desk && view.round) {
      seconds = view.desk.remaining;
      running = !view.desk.paused;
    } else if (view.round) {
      seconds = view.round.remaining;
      running = view.round.running; // the game also sends the time every second while its clock runs
    }
    var paused = view.desk ? !!view.desk.paused : !!(view.round && !view.round.running);
    app.clockBase = seconds === null ? null : {seconds: seconds, at: Date.now(), running: running, paused: paused};
  }

  function clockNow() {
    var base = app.clockBase;
    if (!base) {
      return null;
    }
    return base.running ? Math.max(0, base.seconds - (Date.now() - base.at) / 1000) : base.seconds;
  }

  function clockText() {
    var seconds = clockNow();
    if (seconds === null) {
      return '';
    }
    if (seconds <= 0) {
      return t('round.time_up');
    }
    var text = t('round.time', {clock: clock(seconds)});
    return app.clockBase.paused ? t('desk.stopped', {time: text}) : text;
  }

  function tick() {
    var node = byId('clock');
    if (node) {
      var text = clockText();
      if (node.textContent !== text) {
        node.textContent = text;
      }
    }
    var wait = byId('pin-wait');
    if (wait && app.pinWaitUntil) {
      var left = Math.ceil((app.pinWaitUntil - Date.now()) / 1000);
      if (left <= 0) {
        app.pinWaitUntil = 0;
        app.pinError = '';
        render();
      } else {
        wait.textContent = t('refused.slow-down', {seconds: left});
      }
    }
  }

  // --- rendering --------------------------------------------------------------------------------

  function render() {
    document.documentElement.setAttribute('lang', app.lang);
    document.title = (app.view && app.view.title ? app.view.title + ' \u00b7 ' : '') + t('app.name');
    renderBar();
    renderConnection();
    var built = build();
    var main = byId('main');
    var active = document.activeElement;
    var focusId = active && active !== document.body && main.contains(active) ? active.id : '';
    var scrolled = window.pageYOffset;
    clear(main);
    add(main, built.nodes);
    main.setAttribute('data-screen', built.key);
    if (built.key !== app.lastKey) {
      if (app.lastKey !== '') {
        var heading = main.querySelector('h1');
        if (heading) {
          heading.setAttribute('tabindex', '-1');
          heading.focus();
        }
        window.scrollTo(0, 0);
      }
      app.lastKey = built.key;
      app.notice = built.keepNotice ? app.notice : null;
    } else {
      if (focusId && byId(focusId)) {
        byId(focusId).focus();
      }
      window.scrollTo(0, scrolled);
    }
  }

  function renderBar() {
    var button = byId('lang');
    var other = app.lang === 'nl' ? 'en' : 'nl';
    button.textContent = t('lang.switch');
    button.setAttribute('lang', other);
    button.setAttribute('aria-label', t('lang.switch.label'));
    var holder = byId('badge');
    clear(holder);
    var team = myTeam();
    if (team && app.role !== 'facilitator') {
      holder.appendChild(badge(team, false));
    } else if (app.role === 'facilitator') {
      holder.appendChild(el('span', {className: 'bar-role', text: t('desk.title')}));
    } else {
      holder.appendChild(el('span', {className: 'bar-role', text: t('app.name')}));
    }
  }

  function renderConnection() {
    var box = byId('conn');
    var lost = app.everWelcomed && !app.welcomed && app.screen !== 'nosocket';
    clear(box);
    if (!lost) {
      box.setAttribute('hidden', 'hidden');
      box.removeAttribute('role');
      return;
    }
    box.removeAttribute('hidden');
    box.setAttribute('role', 'alert');
    add(box, [
      el('p', {className: 'conn-title'}, [el('span', {className: 'spinner', 'aria-hidden': 'true'}),
        app.closedReason ? t('conn.closed') : t('conn.restoring')]),
      el('p', {text: app.closedReason ? t('conn.closed.text') : t('conn.restoring.text')}),
      el('button', {type: 'button', id: 'retry', className: 'button secondary', onclick: function () {
        app.retries = 0;
        connect();
      }, text: t('conn.retry')})
    ]);
  }

  function build() {
    if (app.screen === 'nosocket') {
      return screen('nosocket', [el('h1', {text: t('app.name')}), el('p', {text: t('conn.none')})]);
    }
    if (app.screen === 'pin') {
      return pinScreen();
    }
    if (!app.view) {
      return screen('connecting', [el('h1', {text: app.everWelcomed ? t('conn.restoring') : t('conn.connecting')})]);
    }
    var view = app.view;
    if (app.role === 'facilitator') {
      return desk(view);
    }
    var open = view.stage === 'poll' || view.stage === 'bril' || view.stage === 'done';
    if (view.teams.length && (app.picking || (view.team === null && !open))) {
      return teamPick(view);
    }
    switch (view.stage) {
      case 'round':
        return round(view);
      case 'poll':
        return poll(view);
      case 'bril':
        return bril(view);
      case 'reveal':
        return reveal(view);
      case 'done':
        return screen('done', [el('h1', {text: t('done.title')}), el('p', {text: t('done.text')})]);
      case 'wait':
        return screen('wait', [el('h1', {text: t('wait.title')}), el('p', {text: t('wait.text')})]);
      default:
        return lobby(view);
    }
  }

  function screen(key, nodes, keepNotice) {
    return {key: key, nodes: nodes, keepNotice: !!keepNotice};
  }

  function noticeNode() {
    if (!app.notice) {
      return null;
    }
    return el('p', {className: app.notice.error ? 'notice notice-error' : 'notice', text: app.notice.text});
  }

  // --- joining ----------------------------------------------------------------------------------

  function pinScreen() {
    var waiting = app.pinWaitUntil > Date.now();
    var describedBy = 'pin-hint' + (app.pinError ? ' pin-error' : '');
    var field = el('input', {
      id: 'pin', name: 'pin', type: 'text', inputmode: 'numeric', pattern: '[0-9]*', maxlength: '6',
      autocomplete: 'off', autocorrect: 'off', spellcheck: 'false', className: 'pin-field',
      'aria-describedby': describedBy, 'aria-invalid': app.pinError ? 'true' : null, value: app.pin
    });
    field.addEventListener('input', function () {
      app.pin = field.value.replace(/[^0-9]/g, '').substring(0, 6);
      if (field.value !== app.pin) {
        field.value = app.pin;
      }
    }, false);
    var form = el('form', {id: 'pin-form', className: 'stack', novalidate: true, action: '#'}, [
      el('label', {'for': 'pin', className: 'label', text: t('pin.label')}),
      el('p', {id: 'pin-hint', className: 'hint', text: t('pin.hint')}),
      field,
      app.pinError ? el('p', {id: waiting ? 'pin-wait' : 'pin-error', className: 'error', text: app.pinError}) : null,
      el('button', {type: 'submit', id: 'join', className: 'button primary', disabled: waiting,
        text: t('pin.submit')})
    ]);
    if (waiting && app.pinError) {
      // the slow-down line counts down; it is also what the field is described by
      field.setAttribute('aria-describedby', 'pin-hint pin-wait');
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (app.pinWaitUntil > Date.now()) {
        return;
      }
      if (!/^[0-9]{4,6}$/.test(app.pin)) {
        app.pinError = t('pin.format');
        render();
        say(app.pinError);
        byId('pin').focus();
        return;
      }
      sendTracked({type: 'join', pin: app.pin}, {kind: 'join'});
    }, false);
    return screen('pin', [
      el('h1', {text: t('pin.title')}),
      el('p', {text: t('pin.intro')}),
      form,
      el('p', {className: 'hint', text: t('pin.facilitator')})
    ]);
  }

  function teamPick(view) {
    var items = [];
    for (var i = 0; i < view.teams.length; i++) {
      items.push(el('li', {}, teamButton(view.teams[i])));
    }
    return screen('team', [
      el('h1', {text: t('team.pick.title')}),
      el('p', {text: t('team.pick.intro')}),
      el('ul', {className: 'teams'}, items),
      noticeNode(),
      view.team !== null ? el('button', {type: 'button', id: 'keep-team', className: 'button secondary',
        onclick: function () {
          app.picking = false;
          render();
        }, text: t('team.keep')}) : null
    ]);
  }

  function teamButton(team) {
    var mine = app.view && app.view.team === team.number;
    return el('button', {type: 'button', id: 'team-' + team.number, 'aria-current': mine ? 'true' : null,
      className: mine ? 'team-button option-selected' : 'team-button', onclick: function () {
      app.picking = false;
      sendTracked({type: 'team', team: team.number}, {kind: 'team'});
    }}, [
      badge(team, true),
      el('span', {className: 'team-phones', text: counted('team.phones', team.phones)})
    ]);
  }

  function lobby(view) {
    var team = myTeam();
    return screen('lobby', [
      el('h1', {text: t('lobby.title')}),
      team ? el('p', {className: 'mine'}, [t('team.mine') + ': ', badge(team, true)]) : null,
      el('p', {text: t('lobby.text')}),
      view.teams.length ? changeTeam() : null
    ]);
  }

  function changeTeam() {
    return el('button', {type: 'button', id: 'change-team', className: 'button secondary', onclick: function () {
      app.picking = true;
      render();
    }, text: app.view && app.view.team !== null ? t('team.change') : t('team.pick.title')});
  }

  // --- a team round ------------------------------------------------------------------------------

  function meters(list) {
    var items = [];
    for (var i = 0; i < list.length; i++) {
      var m = list[i];
      var share = m.start > 0 ? Math.max(0, Math.min(100, Math.round(100 * m.value / m.start))) : 0;
      var fill = el('span', {className: 'meter-fill'});
      fill.style.width = share + '%';
      items.push(el('li', {className: 'meter'}, [
        el('span', {className: 'meter-text'}, (m.symbol ? [
          el('span', {className: 'symbol', 'aria-hidden': 'true', text: m.symbol})
        ] : []).concat([t('round.meter', {name: m.name, value: m.value, start: m.start})])),
        el('span', {className: 'meter-bar', 'aria-hidden': 'true'}, fill)
      ]));
    }
    return el('ul', {className: 'meters'}, items);
  }

  function costs(list) {
    var parts = [];
    var spoken = [];
    for (var i = 0; i < list.length; i++) {
      if (list[i].amount !== 0) {
        // a meter's letter only in the scenario's own language (as on the big screen), else its name
        parts.push((list[i].symbol || list[i].meter) + ' ' + signed(-list[i].amount));
        spoken.push(list[i].meter + ' ' + signed(-list[i].amount));
      }
    }
    if (!parts.length) {
      return el('span', {className: 'costs', text: t('round.free')});
    }
    return el('span', {className: 'costs'}, [
      el('span', {'aria-hidden': 'true', text: parts.join(' \u00b7 ')}),
      hidden(t('round.cost') + ': ' + spoken.join(', '))
    ]);
  }

  function optionButton(ask, option, chosen, locked, extra) {
    var selected = app.selected[ask] === option.id || chosen === option.id;
    var disabled = locked || option.affordable === false;
    return el('button', {
      type: 'button', id: 'option-' + option.id, className: 'option' + (selected ? ' option-selected' : ''),
      'aria-pressed': selected ? 'true' : 'false', disabled: disabled,
      onclick: function () {
        app.selected[ask] = option.id;
        app.notice = null;
        render();
      }
    }, [
      el('span', {className: 'mark', 'aria-hidden': 'true', text: option.mark}),
      el('span', {className: 'option-body'}, [
        hidden(option.mark + ': '),
        el('span', {className: 'option-label', text: option.label})
      ].concat(extra || []))
    ]);
  }

  function findOption(list, id) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].id === id) {
        return list[i];
      }
    }
    return null;
  }

  function waitingFor(ask) {
    for (var seq in app.pending) {
      if (app.pending.hasOwnProperty(seq) && app.pending[seq].ask === ask) {
        return true;
      }
    }
    return false;
  }

  function confirmButton(ask, list, kind, label) {
    var chosen = findOption(list, app.selected[ask]);
    var sending = waitingFor(ask);
    return el('button', {
      type: 'button', id: 'confirm', className: 'button primary',
      'aria-disabled': chosen && !sending ? null : 'true',
      onclick: function () {
        var now = findOption(list, app.selected[ask]);
        if (!now) {
          say(t('round.confirm.hint'));
          return;
        }
        if (waitingFor(ask)) {
          return;
        }
        var message = kind === 'pick' ? {type: 'pick', ask: ask, choice: now.id} : {type: 'vote', ask: ask, option: now.id};
        sendTracked(message, {kind: kind, ask: ask, mark: now.mark});
        render();
      }
    }, chosen ? label(chosen.mark) : t('round.confirm.hint'));
  }

  function round(view) {
    var r = view.round;
    var ask = view.ask;
    var nodes = [
      el('p', {className: 'hint', text: r.progress || ''}),
      el('h1', {text: r.card}),
      el('p', {id: 'clock', className: 'clock', text: clockText()}),
      el('div', {className: 'card-text', text: r.text}),
      el('h2', {text: t('round.meters')}),
      meters(r.meters)
    ];
    if (!r.plays) {
      nodes.push(el('p', {className: 'notice', text: t('round.watching')}));
      return screen('round:' + ask + ':watch', nodes);
    }
    var voted = r.voted;
    var items = [];
    for (var i = 0; i < r.choices.length; i++) {
      var c = r.choices[i];
      var extra = [costs(c.costs)];
      if (c.affordable === false) {
        extra.push(el('span', {className: 'reason', text: t('round.cannot', {reason: c.reason})}));
      }
      items.push(el('li', {}, optionButton(ask, c, voted, voted !== null || r.team_picked, extra)));
    }
    nodes.push(el('h2', {text: t('round.choose')}));
    if (r.rule) {
      nodes.push(el('p', {className: 'hint', text: r.rule}));
    }
    nodes.push(el('ul', {className: 'options'}, items));
    if (voted !== null) {
      var mine = findOption(r.choices, voted);
      nodes.push(el('p', {className: 'notice notice-done', text: t('round.voted', {mark: mine ? mine.mark : voted})}));
    } else if (!r.team_picked) {
      nodes.push(confirmButton(ask, r.choices, 'pick', function (mark) {
        return t('round.confirm', {mark: mark});
      }));
    }
    nodes.push(noticeNode());
    nodes.push(el('p', {className: 'hint', text: t('round.team_votes', {count: r.team_votes})}));
    if (r.team_picked) {
      nodes.push(el('p', {className: 'notice notice-done', text: t('round.team_in')}));
    }
    return screen('round:' + ask, nodes, true);
  }

  // --- a poll -------------------------------------------------------------------------------------

  function poll(view) {
    var p = view.poll;
    var ask = view.ask;
    var nodes = [el('h1', {text: t('poll.title')}), el('p', {className: 'question', text: p.question})];
    var items = [];
    var i;
    if (view.team === null && view.teams.length) {
      nodes.push(changeTeam());
    }
    if (p.open && p.voted === null) {
      for (i = 0; i < p.options.length; i++) {
        items.push(el('li', {}, optionButton(ask, p.options[i], null, false)));
      }
      nodes.push(el('ul', {className: 'options'}, items));
      nodes.push(confirmButton(ask, p.options, 'vote', function (mark) {
        return t('poll.vote') + ' ' + mark;
      }));
      nodes.push(noticeNode());
      return screen('poll:' + ask, nodes, true);
    }
    if (p.voted !== null) {
      var mine = findOption(p.options, p.voted);
      nodes.push(el('p', {className: 'notice notice-done', text: t('poll.voted', {mark: mine ? mine.mark : p.voted})}));
    }
    if (!p.open) {
      nodes.push(el('p', {className: 'notice', text: t('poll.closed')}));
    }
    nodes.push(bars(p));
    return screen('poll:' + ask + ':results', nodes);
  }

  function bars(p) {
    var items = [];
    for (var i = 0; i < p.options.length; i++) {
      var o = p.options[i];
      var fill = el('span', {className: 'bar-fill'});
      fill.style.width = Math.max(0, Math.min(100, o.percent)) + '%';
      items.push(el('li', {className: 'result'}, [
        el('span', {className: 'result-text', 'aria-hidden': 'true'}, [
          el('span', {className: 'mark mark-small', text: o.mark}), ' ' + o.label
        ]),
        el('span', {className: 'result-row', 'aria-hidden': 'true'}, [
          el('span', {className: 'poll-bar'}, fill),
          el('span', {className: 'result-count', text: o.count + ' (' + o.percent + '%)'})
        ]),
        hidden(t('poll.bar', {mark: o.mark + ' ' + o.label, count: o.count, percent: o.percent}))
      ]));
    }
    return el('div', {}, [
      el('ul', {className: 'results'}, items),
      el('p', {className: 'hint', text: t('poll.total', {total: p.total})})
    ]);
  }

  // --- "Welke bril?" ------------------------------------------------------------------------------

  function zeros(themes) {
    var rows = [];
    for (var i = 0; i < themes; i++) {
      rows.push([0, 0, 0, 0]);
    }
    return rows;
  }

  function sheet(view) {
    var themes = view.bril.themes.length;
    if (app.bril && app.bril.ask === view.ask && app.bril.current.length === themes) {
      return app.bril;
    }
    var draft = null;
    try {
      draft = JSON.parse(stored('incluzo-bril-' + view.ask) || 'null');
    } catch (e) {
      draft = null;
    }
    if (!draft || !draft.current || draft.current.length !== themes || draft.desired.length !== themes) {
      draft = {current: zeros(themes), desired: zeros(themes), page: 0};
    }
    draft.ask = view.ask;
    app.bril = draft;
    return draft;
  }

  function keepSheet(draft) {
    store('incluzo-bril-' + draft.ask, JSON.stringify({current: draft.current, desired: draft.desired, page: draft.page}));
  }

  function sum(row) {
    var total = 0;
    for (var i = 0; i < row.length; i++) {
      total += row[i];
    }
    return total;
  }

  function leftWords(left) {
    if (left === 0) {
      return t('bril.full');
    }
    return left === 1 ? t('bril.left.one') : t('bril.left', {points: left});
  }

  function pointsWords(points) {
    return points === 1 ? t('bril.points.one') : t('bril.points', {points: points});
  }

  function bril(view) {
    var b = view.bril;
    var nodes = [el('h1', {text: b.title || t('bril.title')})];
    if (b.done) {
      nodes.push(el('p', {className: 'notice notice-done', text: t('bril.done')}));
      nodes.push(el('p', {className: 'hint', text: counted('bril.finished', b.finished)}));
      return screen('bril:' + view.ask + ':done', nodes);
    }
    var draft = sheet(view);
    var count = b.themes.length;
    var page = Math.max(0, Math.min(2 * count - 1, draft.page));
    var desired = page >= count;
    var index = page % count;
    var theme = b.themes[index];
    var row = (desired ? draft.desired : draft.current)[index];
    var left = POINTS - sum(row);
    if (page === 0) {
      nodes.push(el('p', {text: t('bril.intro')}));
      if (view.teams.length) {
        var team = myTeam();
        nodes.push(team ? el('p', {className: 'mine'}, [t('team.mine') + ': ', badge(team, true)])
          : el('p', {className: 'hint', text: t('bril.team')}));
        nodes.push(changeTeam());
      }
    }
    if (page === count) {
      nodes.push(el('div', {className: 'notice'}, [
        el('h2', {text: t('bril.desired.title')}), el('p', {text: t('bril.desired.text')})
      ]));
    }
    nodes.push(el('p', {className: 'part', text: desired ? t('bril.desired') : t('bril.current')}));
    nodes.push(el('p', {className: 'hint', text: t('bril.progress', {theme: index + 1, themes: count})}));
    nodes.push(el('h2', {id: 'theme-title', text: theme.title}));
    if (theme.question) {
      nodes.push(el('p', {className: 'question', text: theme.question}));
    }
    var items = [];
    for (var i = 0; i < theme.situations.length; i++) {
      items.push(situation(draft, row, i, theme.situations[i], left));
    }
    nodes.push(el('ul', {className: 'situations', 'aria-labelledby': 'theme-title'}, items));
    nodes.push(el('p', {id: 'left', className: left === 0 ? 'left left-full' : 'left', text: leftWords(left)}));
    var last = page === 2 * count - 1;
    var buttons = [];
    if (page > 0) {
      buttons.push(el('button', {type: 'button', id: 'prev', className: 'button secondary', onclick: function () {
        draft.page = page - 1;
        keepSheet(draft);
        render();
      }, text: t('bril.prev')}));
    }
    buttons.push(el('button', {
      type: 'button', id: last ? 'send' : 'next', className: 'button primary',
      'aria-disabled': left === 0 && !waitingFor(view.ask) ? null : 'true',
      'aria-describedby': 'left',
      onclick: function () {
        if (left !== 0) {
          say(t('bril.first') + ' ' + leftWords(left));
          return;
        }
        if (!last) {
          draft.page = page + 1;
          keepSheet(draft);
          render();
          return;
        }
        if (!waitingFor(view.ask)) {
          sendTracked({type: 'answers', ask: view.ask, current: draft.current, desired: draft.desired},
            {kind: 'answers', ask: view.ask});
          render();
        }
      },
      text: last ? t('bril.send') : t('bril.next')
    }));
    nodes.push(el('div', {className: 'nav'}, buttons));
    nodes.push(noticeNode());
    nodes.push(el('p', {className: 'hint', text: counted('bril.finished', b.finished)}));
    return screen('bril:' + view.ask + ':' + page, nodes, true);
  }

  function situation(draft, row, i, text, left) {
    var mark = MARKS.charAt(i);
    function change(by) {
      return function () {
        var next = row[i] + by;
        if (next < 0 || next > POINTS || sum(row) + by > POINTS) {
          return;
        }
        row[i] = next;
        keepSheet(draft);
        render();
        say(mark + ': ' + pointsWords(next) + '. ' + leftWords(POINTS - sum(row)));
      };
    }
    return el('li', {className: 'situation'}, [
      el('p', {className: 'situation-text'}, [
        el('span', {className: 'mark mark-small', 'aria-hidden': 'true', text: mark}),
        hidden(mark + ': '),
        text
      ]),
      el('div', {className: 'stepper'}, [
        el('button', {type: 'button', id: 'less-' + mark, className: 'step', disabled: row[i] === 0,
          'aria-label': t('bril.less', {mark: mark}), onclick: change(-1), text: MINUS}),
        el('span', {className: 'points', id: 'points-' + mark, text: pointsWords(row[i])}),
        el('button', {type: 'button', id: 'more-' + mark, className: 'step', disabled: left === 0,
          'aria-label': t('bril.more', {mark: mark}), onclick: change(1), text: '+'})
      ])
    ]);
  }

  // --- the reveal ---------------------------------------------------------------------------------

  function reveal(view) {
    return screen('reveal:' + view.reveal.card, [
      el('h1', {text: t('reveal.title')}),
      el('p', {className: 'question', text: view.reveal.card}),
      revealList(view)
    ]);
  }

  function revealList(view) {
    var r = view.reveal;
    var items = [];
    for (var i = 0; i < r.picks.length; i++) {
      var number = r.picks[i][0];
      var pick = r.picks[i][1];
      var team = null;
      for (var j = 0; j < view.teams.length; j++) {
        if (view.teams[j].number === number) {
          team = view.teams[j];
        }
      }
      items.push(el('li', {className: 'reveal-row'}, [
        team ? badge(team, false) : String(number),
        el('span', {className: pick === null ? 'reveal-pick hint' : 'reveal-pick', text: pick === null ? t('reveal.none') : pick})
      ]));
    }
    return el('ul', {className: 'reveal'}, items);
  }

  // --- the facilitator's desk ---------------------------------------------------------------------

  function desk(view) {
    var d = view.desk;
    var nodes = [el('h1', {text: t('desk.title')}), el('p', {className: 'question', text: view.title})];
    if (view.round) {
      nodes.push(el('h2', {text: view.round.card}));
    } else if (view.poll) {
      nodes.push(el('h2', {text: view.poll.question}));
      nodes.push(el('p', {className: 'hint', text: t('poll.total', {total: view.poll.total})}));
    } else if (view.bril) {
      nodes.push(el('h2', {text: view.bril.title}));
      nodes.push(el('p', {className: 'hint', text: counted('bril.finished', view.bril.finished)}));
    }
    if (view.reveal) {
      nodes.push(revealList(view));
    }
    if (d) {
      if (view.round) {
        nodes.push(el('p', {id: 'clock', className: 'clock', text: clockText()}));
      }
      var buttons = [];
      for (var i = 0; i < COMMANDS.length; i++) {
        buttons.push(commandButton(COMMANDS[i], d));
      }
      nodes.push(el('div', {className: 'commands'}, buttons));
      nodes.push(noticeNode());
      nodes.push(el('h2', {text: t('desk.notes')}));
      nodes.push(el('div', {className: 'card-text', text: d.notes || t('desk.no_notes')}));
    }
    var items = [];
    for (var k = 0; k < view.teams.length; k++) {
      var team = view.teams[k];
      items.push(el('li', {className: 'reveal-row'}, [
        badge(team, false),
        el('span', {className: 'reveal-pick', text: counted('team.phones', team.phones) + ' \u00b7 ' +
          (team.done ? t('status.picked') : t('status.choosing'))})
      ]));
    }
    nodes.push(el('h2', {text: t('desk.teams')}));
    nodes.push(el('ul', {className: 'reveal'}, items));
    return screen('desk', nodes, true);
  }

  function commandButton(command, d) {
    var allowed = false;
    for (var i = 0; i < d.commands.length; i++) {
      if (d.commands[i] === command) {
        allowed = true;
      }
    }
    var label = command === 'pause' && d.paused ? t('cmd.resume') : t('cmd.' + command);
    return el('button', {
      type: 'button', id: 'cmd-' + command, disabled: !allowed,
      className: 'button ' + (command === 'reveal' || command === 'next' ? 'primary' : 'secondary'),
      onclick: function () {
        sendTracked({type: 'control', command: command}, {kind: 'control'});
      }, text: label
    });
  }

  // --- start ---------------------------------------------------------------------------------------

  function switchLanguage() {
    app.lang = app.lang === 'nl' ? 'en' : 'nl';
    store('incluzo-lang', app.lang);
    setCookie('incluzo-lang', app.lang);
    render();
    if (app.welcomed) {
      connect(); // a new hello in the new language: the game sends its words in it
    }
  }

  function wake() {
    if (document.hidden) {
      app.hiddenAt = Date.now();
      return;
    }
    var stale = app.hiddenAt && Date.now() - app.hiddenAt > STALE_MS;
    app.hiddenAt = 0;
    if (!isOpen() || stale) {
      app.retries = 0;
      connect();
    }
  }

  byId('lang').addEventListener('click', switchLanguage, false);
  document.addEventListener('visibilitychange', wake, false);
  window.addEventListener('online', function () {
    if (!isOpen()) {
      app.retries = 0;
      connect();
    }
  }, false);
  window.setInterval(tick, 1000);
  render();
  connect();
})();
