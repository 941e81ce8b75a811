-- Drives Neovim's built-in LSP client (0.7+) against `normlint server`, headless. Run by run.mjs:
--   nvim --headless --clean -u lsp-test.lua
-- Environment: NORMLINT_CMD (JSON array: the server command), NORMLINT_FIXTURE (a file with a
-- BN101 finding on line 11), NORMLINT_BIG (a 2,000-line file), NORMLINT_EDITS (how many timed
-- edits), NORMLINT_RESULTS (where to write the results as JSON).
vim.cmd('filetype on')
local out = { steps = {} }
local function now() return vim.loop.hrtime() / 1e6 end
local function step(name) table.insert(out.steps, name) end

local function finish()
  local file = io.open(os.getenv('NORMLINT_RESULTS'), 'w')
  file:write(vim.fn.json_encode(out))
  file:close()
  vim.cmd('qall!')
end

local function codes(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(list, tostring(d.code)) end
  table.sort(list)
  return list
end

local ok, err = pcall(function()
  local cmd = vim.fn.json_decode(os.getenv('NORMLINT_CMD'))
  local fixture = os.getenv('NORMLINT_FIXTURE')
  local big = os.getenv('NORMLINT_BIG')
  local edits = tonumber(os.getenv('NORMLINT_EDITS'))

  -- 1. Server start → first diagnostics on the 2,000-line file.
  vim.cmd('edit ' .. vim.fn.fnameescape(big))
  local big_buf = vim.api.nvim_get_current_buf()
  local started = now()
  local client_id = vim.lsp.start_client({
    name = 'normlint',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(fixture, ':h'),
    settings = { normlint = { run = 'onType' } },
    -- Changes are sent at once: the timings below are the server's, not the client's debounce.
    flags = { debounce_text_changes = 0 },
  })
  vim.lsp.buf_attach_client(big_buf, client_id)
  if not vim.wait(30000, function() return #vim.diagnostic.get(big_buf) > 0 end, 2) then error('no diagnostics on the big file') end
  out.start_to_first_diagnostics_ms = now() - started
  out.big_count = #vim.diagnostic.get(big_buf)
  step('big file linted')

  -- 2. Re-analysis after an edit: toggle one momentum between a Keras value (BN301) and a PyTorch one.
  local line_index
  for i, line in ipairs(vim.api.nvim_buf_get_lines(big_buf, 0, -1, false)) do
    if i > 1000 and line:find('momentum=0.99', 1, true) then line_index = i - 1 break end
  end
  out.edit_ms = {}
  for i = 1, edits do
    local line = vim.api.nvim_buf_get_lines(big_buf, line_index, line_index + 1, false)[1]
    local before = #vim.diagnostic.get(big_buf)
    local changed = line:find('0.99', 1, true) and line:gsub('0%.99', '0.01') or line:gsub('0%.01', '0.99')
    local t0 = now()
    vim.api.nvim_buf_set_lines(big_buf, line_index, line_index + 1, false, { changed })
    if not vim.wait(10000, function() return #vim.diagnostic.get(big_buf) ~= before end, 1) then error('no update after edit ' .. i) end
    table.insert(out.edit_ms, now() - t0)
  end
  step('edits timed')

  -- 3. The fixture: codes shown, a code action picked through vim.ui.select and applied by Neovim.
  vim.cmd('edit ' .. vim.fn.fnameescape(fixture))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  if not vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 5) then error('no diagnostics on the fixture') end
  out.codes = codes(buf)
  out.line_before = vim.api.nvim_buf_get_lines(buf, 10, 11, false)[1]
  -- The menu is vim.ui.select (what Telescope and others replace): pick the wanted title.
  local want
  vim.ui.select = function(items, opts, on_choice)
    local titles, chosen = {}, nil
    for i, item in ipairs(items) do
      titles[i] = opts.format_item(item)
      if titles[i] == want then chosen = i end
    end
    out.menus = out.menus or {}
    table.insert(out.menus, titles)
    on_choice(chosen and items[chosen] or nil, chosen)
  end
  want = nil
  vim.api.nvim_win_set_cursor(0, { 12, 50 })
  vim.lsp.buf.code_action()
  if not vim.wait(10000, function() return out.menus ~= nil end, 5) then error('no code action menu on line 12') end
  want = 'Set bias=False'
  vim.api.nvim_win_set_cursor(0, { 11, 50 })
  vim.lsp.buf.code_action()
  if not vim.wait(10000, function() return vim.api.nvim_buf_get_lines(buf, 10, 11, false)[1] ~= out.line_before end, 5) then error('the code action changed nothing') end
  out.line_after = vim.api.nvim_buf_get_lines(buf, 10, 11, false)[1]
  vim.wait(10000, function() return not vim.tbl_contains(codes(buf), 'BN101') end, 5)
  out.codes_after_fix = codes(buf)
  vim.cmd('write')
  step('fixture fixed and saved')
end)
if not ok then out.error = tostring(err) end
finish()
