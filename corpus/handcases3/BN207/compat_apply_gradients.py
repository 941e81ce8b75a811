import tensorflow as tf

tf.compat.v1.disable_eager_execution()
images = tf.compat.v1.placeholder(tf.float32, [None, 28, 28, 1])
labels = tf.compat.v1.placeholder(tf.int32, [None])
is_training = tf.compat.v1.placeholder(tf.bool)

net = tf.compat.v1.layers.conv2d(images, 16, 3, use_bias=False)
net = tf.compat.v1.layers.batch_normalization(net, training=is_training)
net = tf.compat.v1.layers.flatten(tf.nn.relu(net))
logits = tf.compat.v1.layers.dense(net, 10)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
opt = tf.compat.v1.train.AdamOptimizer(1e-3)
grads_and_vars = opt.compute_gradients(loss)
train_op = opt.apply_gradients(grads_and_vars)  # expect: BN207
