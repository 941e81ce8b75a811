import torch.nn as nn
from tensorflow.keras import layers

between = nn.Sequential(nn.Dropout(0.5), nn.Linear(128, 64, bias=False), nn.BatchNorm1d(64))
zero_rate = nn.Sequential(nn.Linear(128, 64, bias=False), nn.Dropout(0.0), nn.BatchNorm1d(64))
alpha = nn.Sequential(nn.Linear(128, 64, bias=False), nn.AlphaDropout(0.1), nn.BatchNorm1d(64))
keras_head = [layers.Dropout(0.5), layers.Dense(64, use_bias=False), layers.BatchNormalization()]
