import torch.nn as nn

drop = nn.Dropout(rate=0.5)  # expect: BN303
