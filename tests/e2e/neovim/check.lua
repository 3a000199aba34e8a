-- Neovim (0.7, Debian's) as a second real LSP client of rubric-lsp: diagnostics and hover.
-- Run by run.sh:  nvim --headless --clean -c 'luafile check.lua'
-- Env: RUBRIC_LSP (the server launcher), RUBRIC_RULES (a clean rules file), RUBRIC_BROKEN (a broken one).
local server = assert(os.getenv('RUBRIC_LSP'), 'RUBRIC_LSP not set')
local rules = assert(os.getenv('RUBRIC_RULES'), 'RUBRIC_RULES not set')
local broken = assert(os.getenv('RUBRIC_BROKEN'), 'RUBRIC_BROKEN not set')
local started = vim.loop.hrtime()

local function log(msg) io.stdout:write(msg .. '\n') end
local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local published = {}   -- uri -> diagnostics of the last publication
local client_id = vim.lsp.start_client({
  name = 'rubric',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(rules, ':p:h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      published[result.uri] = result.diagnostics
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
if not client_id then return fail('start_client returned nil') end

local function open(file)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'rubric'
  vim.lsp.buf_attach_client(bufnr, client_id)
  return bufnr, vim.uri_from_bufnr(bufnr)
end

-- 1. The 2022 example: diagnostics are published, none is an error.
local bufnr, uri = open(rules)
if not vim.wait(20000, function() return published[uri] ~= nil end, 20) then return fail('no diagnostics for the rules within 20 s') end
for _, d in ipairs(published[uri]) do
  if d.severity == 1 then return fail('unexpected error: ' .. d.message) end
end
log(('rules.rubric: %d diagnostics, no errors'):format(#published[uri]))

-- 2. Hover on the label of 事项办理: its mean over the 55 cities (the server waits for its preview).
local line_nr, col
for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
  local s = line:find('"事项办理"', 1, true)
  if s then line_nr, col = i - 1, s + 2 break end   -- byte column just inside the quotes
end
if not line_nr then return fail('"事项办理" not found') end
local line_text = vim.api.nvim_buf_get_lines(bufnr, line_nr, line_nr + 1, false)[1]
local _, character = vim.str_utfindex(line_text, col)   -- LSP positions count UTF-16 units (2nd value)
local resp = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = line_nr, character = character } }, 20000)
local hover
for _, r in pairs(resp or {}) do if r.result then hover = r.result end end
if not (hover and hover.contents and hover.contents.value) then return fail('no hover') end
local value = hover.contents.value
if not value:find('事项办理', 1, true) or not value:find('83.55', 1, true) then return fail('hover without the mean 83.55: ' .. value) end
log('hover: ' .. value:gsub('\n.*', ''))

-- 3. A broken file: ranged errors with codes, also through vim.diagnostic.
local bbuf, buri = open(broken)
if not vim.wait(20000, function() return published[buri] ~= nil and #published[buri] > 0 end, 20) then return fail('no diagnostics for the broken file') end
local errors = 0
for _, d in ipairs(published[buri]) do
  if d.severity == 1 then
    errors = errors + 1
    log(('broken.rubric:%d:%d %s %s'):format(d.range.start.line + 1, d.range.start.character + 1, d.code, d.message))
  end
end
if errors == 0 then return fail('no errors on the broken file') end
if #vim.diagnostic.get(bbuf, { severity = vim.diagnostic.severity.ERROR }) ~= errors then return fail('vim.diagnostic disagrees') end

-- 4. Shut down cleanly.
vim.lsp.stop_client(client_id)
if not vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20) then return fail('the server did not stop') end
log(('PASS (%.2f s)'):format((vim.loop.hrtime() - started) / 1e9))
vim.cmd('qall!')
