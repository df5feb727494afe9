"""The room on its phones: a local web server inside the game (issue 15).

`protocol` is every message both ways, `room` the pure room logic (PINs, devices, teams, votes),
`server` the aiohttp server in a process of its own (`site`, over the pipe of `wire`), `hub` the glue
the game's frame loop calls.
"""
