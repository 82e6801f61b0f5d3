-- Drives `policy-lint server` from Neovim's built-in LSP client (0.7 or later), headless, and
-- writes what the client saw as JSON for tests/integration/server.rs to check. Run as
--   nvim --headless --clean -u NONE -c 'luafile tests/lsp/neovim.lua'
-- with POLICY_LINT_BIN, POLICY_LINT_PAPER, POLICY_LINT_OUT, POLICY_LINT_LINE (1-based) and
-- POLICY_LINT_COL (0-based byte column of the figure to hover) in the environment.
local bin = os.getenv('POLICY_LINT_BIN')
local paper = os.getenv('POLICY_LINT_PAPER')
local out = os.getenv('POLICY_LINT_OUT')
local line = tonumber(os.getenv('POLICY_LINT_LINE'))
local col = tonumber(os.getenv('POLICY_LINT_COL'))
local result = { steps = {} }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local function step(name, fn)
  local ok, err = pcall(fn)
  table.insert(result.steps, { name = name, ok = ok, error = ok and vim.NIL or tostring(err) })
  if not ok then
    finish()
  end
end

local published = {}
local client_id
local buf

step('start', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(paper))
  buf = vim.api.nvim_get_current_buf()
  client_id = vim.lsp.start_client({
    name = 'policy-lint',
    cmd = { bin, 'server' },
    root_dir = vim.fn.fnamemodify(paper, ':p:h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, res, ctx, config)
        table.insert(published, res)
        vim.lsp.diagnostic.on_publish_diagnostics(err, res, ctx, config)
      end,
    },
    on_exit = function(code, signal)
      result.exit_code = code
      result.exit_signal = signal
    end,
  })
  assert(client_id, 'the client did not start')
  assert(vim.lsp.buf_attach_client(buf, client_id), 'the client did not attach')
end)

step('diagnostics', function()
  assert(vim.wait(30000, function() return #published > 0 end, 20), 'no diagnostics within 30 s')
  result.published = published[#published]
  -- As the client stores them: 0-based lines and byte columns, converted from the server's
  -- positions in the encoding it negotiated.
  result.buffer_diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.buffer_diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message })
  end
end)

step('hover', function()
  vim.api.nvim_win_set_cursor(0, { line, col })
  local params = vim.lsp.util.make_position_params()
  result.hover_position = params.position
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000)
  assert(responses and responses[client_id], 'no hover response')
  result.hover = responses[client_id].result or vim.NIL
end)

step('code actions', function()
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf) }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000)
  assert(responses and responses[client_id], 'no code action response')
  result.code_actions = responses[client_id].result or {}
end)

step('apply', function()
  local fix
  for _, a in ipairs(result.code_actions) do
    if a.title:find('57.1%', 1, true) then
      fix = a
    end
  end
  assert(fix, 'no action writes 57.1%')
  local before = #published
  vim.lsp.util.apply_workspace_edit(fix.edit, vim.lsp.get_client_by_id(client_id).offset_encoding)
  result.fixed_line = vim.api.nvim_buf_get_lines(buf, line - 1, line, false)[1]
  assert(vim.wait(30000, function() return #published > before end, 20), 'no diagnostics after the edit')
  result.republished = published[#published]
end)

step('stop', function()
  vim.lsp.stop_client(client_id)
  assert(vim.wait(10000, function() return result.exit_code ~= nil end, 20), 'the server did not exit')
end)

finish()
